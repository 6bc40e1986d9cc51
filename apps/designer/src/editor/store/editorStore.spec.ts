import { describe, expect, it } from 'vitest';
import { createEditorStore, edgeId, TYPING_BURST_MS } from './editorStore';
import { emptyDocument, fixtureCatalog } from '../../testing/fixtureCatalog';
import { parseClipboard } from './clipboard';

function setup() {
  let clock = 1_000;
  const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument(), now: () => clock });
  const tick = (ms: number) => (clock += ms);
  const undo = () => store.getState().undo();
  const redo = () => store.getState().redo();
  return { store, tick, undo, redo, doc: () => store.getState().doc };
}

describe('editor store', () => {
  it('adds nodes with unique ids, default params and the first one as start', () => {
    const { store, doc } = setup();
    const a = store.getState().addNode('menu', 1, { x: 10.4, y: 20 });
    const b = store.getState().addNode('menu', 1, { x: 100, y: 20 });
    expect([a, b]).toEqual(['menu', 'menu-2']);
    expect(doc().start).toBe('menu');
    expect(doc().nodes[0]!.params).toEqual({ options: [{ key: '1' }], timeout: 5 });
    expect(doc().layout.menu).toEqual({ x: 10, y: 20 });
    expect([...store.getState().selectedNodes]).toEqual(['menu-2']);
  });

  it('connects an exit, and deleting the target removes the wire and its layout', () => {
    const { store, doc } = setup();
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 0, y: 100 });
    store.getState().connect(menu, 'digit-1', play);
    expect(doc().nodes[0]!.exits).toEqual({ 'digit-1': play });
    store.getState().connect(menu, 'noinput', 'missing');
    expect(doc().nodes[0]!.exits).toEqual({ 'digit-1': play });
    store.getState().deleteElements([play], []);
    expect(doc().nodes.map((n) => n.id)).toEqual([menu]);
    expect(doc().nodes[0]!.exits).toEqual({});
    expect(doc().layout[play]).toBeUndefined();
  });

  it('moves a wire to another target or exit as one undo step', () => {
    const { store, doc, undo } = setup();
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 0, y: 100 });
    const cond = store.getState().addNode('condition', 1, { x: 0, y: 200 });
    store.getState().connect(menu, 'digit-1', play);
    store.getState().rewire({ source: menu, exit: 'digit-1' }, { source: menu, exit: 'noinput', target: cond });
    expect(doc().nodes[0]!.exits).toEqual({ noinput: cond });
    undo();
    expect(doc().nodes[0]!.exits).toEqual({ 'digit-1': play });
  });

  it('deletes a selected edge alone', () => {
    const { store, doc } = setup();
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 0, y: 100 });
    store.getState().connect(menu, 'digit-1', play);
    store.getState().select([], [edgeId(menu, 'digit-1')]);
    store.getState().deleteSelection();
    expect(doc().nodes).toHaveLength(2);
    expect(doc().nodes[0]!.exits).toEqual({});
  });

  it('drops the wire of a derived exit that disappears when params change', () => {
    const { store, doc } = setup();
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 0, y: 100 });
    store.getState().setParam(menu, ['options'], [{ key: '1' }, { key: '2' }]);
    store.getState().connect(menu, 'digit-2', play);
    store.getState().connect(menu, 'digit-1', play);
    // Invalid params (no options) keep the wires: the user may be half-way through an edit.
    store.getState().setParam(menu, ['options'], []);
    expect(Object.keys(doc().nodes[0]!.exits)).toEqual(['digit-2', 'digit-1']);
    store.getState().setParam(menu, ['options'], [{ key: '1' }]);
    expect(doc().nodes[0]!.exits).toEqual({ 'digit-1': play });
  });

  it('makes one drag one undo step', () => {
    const { store, doc, undo, redo } = setup();
    const id = store.getState().addNode('play', 1, { x: 0, y: 0 });
    store.getState().moveNodes({ [id]: { x: 5, y: 5 } }, false);
    store.getState().moveNodes({ [id]: { x: 10, y: 10 } }, false);
    store.getState().moveNodes({ [id]: { x: 30, y: 40 } }, true);
    expect(doc().layout[id]).toEqual({ x: 30, y: 40 });
    undo();
    expect(doc().layout[id]).toEqual({ x: 0, y: 0 });
    redo();
    expect(doc().layout[id]).toEqual({ x: 30, y: 40 });
    // A second drag after the first ended is its own step.
    store.getState().moveNodes({ [id]: { x: 50, y: 50 } }, true);
    undo();
    expect(doc().layout[id]).toEqual({ x: 30, y: 40 });
  });

  it('groups a typing burst in one field and splits on pause, other field or endGesture', () => {
    const { store, doc, undo, tick } = setup();
    const id = store.getState().addNode('play', 1, { x: 0, y: 0 });
    const tts = () => doc().nodes[0]!.params.tts;
    for (const text of ['H', 'He', 'Hel', 'Hello']) {
      store.getState().setParam(id, ['tts'], text);
      tick(100);
    }
    tick(TYPING_BURST_MS + 1);
    store.getState().setParam(id, ['tts'], 'Hello!');
    store.getState().setParam(id, ['bargeIn'], false);
    store.getState().endGesture();
    store.getState().setParam(id, ['bargeIn'], true);

    expect(tts()).toBe('Hello!');
    undo();
    expect(doc().nodes[0]!.params.bargeIn).toBe(false);
    undo();
    expect(doc().nodes[0]!.params.bargeIn).toBe(true);
    undo();
    expect(tts()).toBe('Hello');
    undo();
    // The required text starts empty, ready to type into.
    expect(tts()).toBe('');
    undo();
    expect(doc().nodes).toHaveLength(0);
  });

  it('does not record selection changes in the history', () => {
    const { store } = setup();
    const id = store.getState().addNode('play', 1, { x: 0, y: 0 });
    const before = store.temporal.getState().pastStates.length;
    store.getState().select([id]);
    store.getState().select([]);
    store.getState().setMeasured({ [id]: { width: 10, height: 10 } });
    expect(store.temporal.getState().pastStates.length).toBe(before);
  });

  it('copies and pastes with fresh ids, internal wires remapped, outside wires dropped', () => {
    const { store, doc } = setup();
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 0, y: 100 });
    const cond = store.getState().addNode('condition', 1, { x: 0, y: 200 });
    store.getState().setParam(play, ['tts'], 'Order {{ orderId }}');
    store.getState().connect(menu, 'digit-1', play);
    store.getState().connect(play, 'ok', cond);
    store.getState().select([menu, play]);
    const payload = store.getState().copySelection()!;
    // Through the system clipboard the payload is text.
    const roundTrip = parseClipboard(JSON.stringify(payload))!;
    expect(roundTrip.variables.map((v) => v.name)).toEqual(['orderId']);

    const pasted = store.getState().paste(roundTrip, { x: 100, y: 0 });
    expect(pasted).toEqual(['menu-2', 'play-2']);
    const byId = new Map(doc().nodes.map((n) => [n.id, n]));
    expect(byId.get('menu-2')!.exits).toEqual({ 'digit-1': 'play-2' });
    expect(byId.get('play-2')!.exits).toEqual({});
    expect(doc().layout['play-2']).toEqual({ x: 100, y: 100 });
    expect([...store.getState().selectedNodes]).toEqual(pasted);
    // The originals are untouched.
    expect(byId.get(play)!.exits).toEqual({ ok: cond });
  });

  it('pastes into another scenario and declares the variables the nodes use', () => {
    const source = setup();
    const play = source.store.getState().addNode('play', 1, { x: 0, y: 0 });
    source.store.getState().setParam(play, ['tts'], '{{ orderId }}');
    source.store.getState().select([play]);
    const text = JSON.stringify(source.store.getState().copySelection());

    const target = createEditorStore({ catalog: fixtureCatalog, doc: { ...emptyDocument(), variables: [] } });
    const pasted = target.getState().paste(parseClipboard(text)!);
    expect(pasted).toEqual(['play']);
    expect(target.getState().doc.start).toBe('play');
    expect(target.getState().doc.variables.map((v) => v.name)).toEqual(['orderId']);
  });

  it('rejects clipboard text that is not designer nodes', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"nodes": []}')).toBeNull();
  });

  it('renames a node everywhere it is referenced', () => {
    const { store, doc } = setup();
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 0, y: 100 });
    store.getState().connect(menu, 'digit-1', play);
    store.getState().setScenarioField('onError', play);
    store.getState().renameNode(play, 'greeting');
    expect(doc().nodes[0]!.exits).toEqual({ 'digit-1': 'greeting' });
    expect(doc().onError).toBe('greeting');
    expect(doc().layout.greeting).toEqual({ x: 0, y: 100 });
    // A taken id is refused.
    store.getState().renameNode('greeting', menu);
    expect(doc().nodes.map((n) => n.id)).toEqual([menu, 'greeting']);
  });

  it('loading a document clears the history and the dirty state', () => {
    const { store } = setup();
    store.getState().addNode('play', 1, { x: 0, y: 0 });
    expect(store.getState().doc).not.toBe(store.getState().savedDoc);
    store.getState().loadDocument(emptyDocument(), 7);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(store.getState().doc).toBe(store.getState().savedDoc);
    expect(store.getState().revision).toBe(7);
  });

  it('edits the scenario params and returns as undoable steps', () => {
    const { store, doc, undo } = setup();
    store.getState().setParams([{ name: 'amount', type: 'double', required: true }]);
    store.getState().setReturns(['orderId']);
    expect(doc().params).toEqual([{ name: 'amount', type: 'double', required: true }]);
    expect(doc().returns).toEqual(['orderId']);
    undo();
    expect(doc().returns).toEqual([]);
    undo();
    expect(doc().params).toEqual([]);
  });

  it('ignores edits when read only', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument(), readOnly: true });
    store.getState().addNode('play', 1, { x: 0, y: 0 });
    expect(store.getState().doc.nodes).toHaveLength(0);
  });
});
