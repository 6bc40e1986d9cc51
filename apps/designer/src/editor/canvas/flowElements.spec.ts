import { describe, expect, it } from 'vitest';
import { createFlowBuilder, type FlowInputs } from './flowElements';
import { createEditorStore } from '../store/editorStore';
import { emptyDocument, fixtureCatalog } from '../../testing/fixtureCatalog';
import { diffDocuments } from '../history/diffHighlight';
import { nodeExits } from '../../catalog/componentSchemas';

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

  it('gives an unmeasured node its size and one handle per exit, so React Flow need not mount it to find them', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    const play = store.getState().addNode('play', 1, { x: 300, y: 0 });
    store.getState().connect(menu, 'digit-1', play);
    const builder = createFlowBuilder();
    const [node] = builder.buildNodes(inputs(store));
    const definition = fixtureCatalog.get('menu', 1)!;
    const exits = nodeExits(definition, store.getState().doc.nodes[0]!.params).exits.map((e) => e.id);
    expect(exits.length).toBeGreaterThan(0);
    expect(node!.initialWidth).toBe(260);
    expect(node!.initialHeight).toBeGreaterThan(0);
    expect(node!.handles!.map((h) => [h.id, h.type, h.position])).toEqual([
      ['in', 'target', 'left'],
      ...exits.map((id) => [id, 'source', 'right']),
    ]);
    // Every edge hangs from a handle the node has.
    for (const edge of builder.buildEdges(inputs(store)).filter((e) => e.source === menu)) {
      expect(node!.handles!.some((h) => h.id === edge.sourceHandle && h.type === 'source')).toBe(true);
    }
    // Exit rows one under the other, inside the card; the target handle halfway down its left edge.
    const sources = node!.handles!.filter((h) => h.type === 'source');
    for (const [i, h] of sources.entries()) {
      expect(h.x).toBeCloseTo(259.5);
      if (i > 0) expect(h.y - sources[i - 1]!.y).toBeCloseTo(20.6);
      expect(h.y + h.height!).toBeLessThan(node!.initialHeight!);
    }
    expect(node!.handles![0]).toMatchObject({ x: -4.5, y: node!.initialHeight! / 2 - 4.5 });

    // Once React Flow has measured the card, its measured handles stand: none are given any more.
    store.getState().setMeasured({ [menu]: { width: 200, height: 120 } });
    const [measured] = builder.buildNodes(inputs(store));
    expect(measured!.measured).toEqual({ width: 200, height: 120 });
    expect(measured!.handles).toBeUndefined();
    expect(measured!.initialWidth).toBeUndefined();
  });

  it('places handles as the card lays them out in Chromium', () => {
    // Measured in Chromium on the generated scenario (bench/lib/scenarios.ts): a node with a
    // summary and one exit, card 75.7 px high before its exits, exit rows 20.6 px apart.
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const id = store.getState().addNode('play', 1, { x: 0, y: 0 });
    store.getState().replaceParams(id, { tts: 'Hello' });
    const [node] = createFlowBuilder().buildNodes(inputs(store));
    const exitCount = node!.handles!.length - 1;
    expect(node!.initialHeight).toBeCloseTo(75.7 + 20.6 * exitCount, 1);
    expect(node!.handles![1]!.y).toBeCloseTo(78.5, 1);
  });
});
