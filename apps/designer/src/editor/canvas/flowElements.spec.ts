import { describe, expect, it } from 'vitest';
import { createFlowBuilder, type FlowInputs } from './flowElements';
import { createEditorStore } from '../store/editorStore';
import { emptyDocument, fixtureCatalog } from '../../testing/fixtureCatalog';
import { diffDocuments } from '../history/diffHighlight';

function inputs(store: ReturnType<typeof createEditorStore>): FlowInputs {
  const s = store.getState();
  return {
    doc: s.doc,
    catalog: s.catalog,
    selectedNodes: s.selectedNodes,
    selectedEdges: s.selectedEdges,
    measured: s.measured,
    diff: s.diff,
  };
}

describe('flow elements', () => {
  it('maps nodes to their category type and exits to edges on handles named by exit id', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 300, y: 0 });
    store.getState().connect(menu, 'digit-1', play);
    const builder = createFlowBuilder();
    const nodes = builder.buildNodes(inputs(store));
    expect(nodes.map((n) => [n.id, n.type, n.data.isStart])).toEqual([
      ['menu', 'call', true],
      ['play', 'call', false],
    ]);
    expect(builder.buildEdges(inputs(store))).toMatchObject([
      { id: 'menu:digit-1', source: 'menu', sourceHandle: 'digit-1', target: 'play', targetHandle: 'in' },
    ]);
  });

  it('re-uses the objects of nodes that did not change', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const a = store.getState().addNode('play', 1, { x: 0, y: 0 });
    store.getState().addNode('condition', 1, { x: 300, y: 0 });
    store.getState().select([]);
    const builder = createFlowBuilder();
    const before = builder.buildNodes(inputs(store));
    const edgesBefore = builder.buildEdges(inputs(store));
    store.getState().moveNodes({ [a]: { x: 50, y: 50 } }, true);
    const after = builder.buildNodes(inputs(store));
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]!.position).toEqual({ x: 50, y: 50 });
    // A move is not a data change: the card keeps its props and skips rendering.
    expect(after[0]!.data).toBe(before[0]!.data);
    expect(after[1]).toBe(before[1]);
    expect(builder.buildEdges(inputs(store))).toEqual(edgesBefore);
  });

  it('adds ghosts for nodes removed since the compared version', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    store.getState().addNode('play', 1, { x: 0, y: 0 });
    const published = store.getState().doc;
    store.getState().deleteElements(['play'], []);
    store.getState().addNode('condition', 1, { x: 0, y: 0 });
    store.getState().setDiff(diffDocuments(1, published, store.getState().doc));
    const nodes = createFlowBuilder().buildNodes(inputs(store));
    expect(nodes.map((n) => [n.id, n.type, n.data.diff])).toEqual([
      ['condition', 'flow', 'added'],
      ['removed:play', 'removed', 'removed'],
    ]);
  });
});
