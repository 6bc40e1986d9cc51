import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioDocumentSchema, type ScenarioDocument } from '../document.js';
import { fromGraph, toGraph } from './react-flow.js';

const doc: ScenarioDocument = scenarioDocumentSchema.parse({
  format: 'ivr-scenario/1',
  id: 'menu',
  name: 'Menu',
  kind: 'main',
  start: 'menu',
  nodes: [
    {
      id: 'menu',
      type: 'menu',
      typeVersion: 1,
      params: { options: [{ digit: '1' }] },
      exits: { timeout: 'bye', 'digit-1': 'bye' },
    },
    { id: 'bye', type: 'end', typeVersion: 1, params: {}, exits: {}, maxPasses: 3 },
    { id: 'floating', type: 'log', typeVersion: 1, params: { message: 'x' }, exits: { ok: 'bye' } },
  ],
  layout: { bye: { x: 10, y: 20, label: 'Goodbye', color: '#f00' }, menu: { x: 0, y: 0 }, stale: { x: 5, y: 5 } },
});

describe('toGraph / fromGraph', () => {
  it('makes one edge per wired exit with the exit id as source handle', () => {
    const graph = toGraph(doc);
    expect(graph.edges).toEqual([
      { id: 'menu:timeout', source: 'menu', sourceHandle: 'timeout', target: 'bye' },
      { id: 'menu:digit-1', source: 'menu', sourceHandle: 'digit-1', target: 'bye' },
      { id: 'floating:ok', source: 'floating', sourceHandle: 'ok', target: 'bye' },
    ]);
    expect(graph.nodes[1]).toMatchObject({
      id: 'bye',
      position: { x: 10, y: 20 },
      data: { label: 'Goodbye', maxPasses: 3 },
    });
  });

  it('round-trips a document losslessly, including unpositioned nodes and stale layout', () => {
    expect(fromGraph(toGraph(doc), doc)).toEqual(doc);
    expect(JSON.stringify(fromGraph(toGraph(doc), doc))).toBe(JSON.stringify(doc));
  });

  it('round-trips a graph: graph -> DSL -> graph', () => {
    const graph = toGraph(doc, { nodeType: (n) => (n.type === 'end' ? 'flow' : 'call') });
    const again = toGraph(fromGraph(graph, doc), { nodeType: (n) => (n.type === 'end' ? 'flow' : 'call') });
    expect(again).toEqual(graph);
  });

  it('records moves and rewiring made on the canvas', () => {
    const graph = toGraph(doc);
    graph.nodes[2]!.position = { x: 99, y: 98 };
    graph.edges = graph.edges.filter((e) => e.id !== 'menu:timeout');
    graph.edges.push({ id: 'floating:ok', source: 'floating', sourceHandle: 'ok', target: 'menu' });
    const updated = fromGraph(graph, doc);
    expect(updated.layout.floating).toEqual({ x: 99, y: 98 });
    expect(updated.nodes[0]!.exits).toEqual({ 'digit-1': 'bye' });
    expect(updated.nodes[2]!.exits).toEqual({ ok: 'menu' });
  });

  it('round-trips random documents', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
    const arbitraryDoc = fc
      .uniqueArray(id, { minLength: 1, maxLength: 8 })
      .chain((ids) =>
        fc.record({
          nodes: fc.tuple(
            ...ids.map((nodeId) =>
              fc.record({
                id: fc.constant(nodeId),
                type: fc.constantFrom('play', 'end', 'menu'),
                typeVersion: fc.integer({ min: 1, max: 3 }),
                params: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
                exits: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), fc.constantFrom(...ids)),
              }),
            ),
          ),
          layout: fc.dictionary(
            fc.constantFrom(...ids, 'gone'),
            fc.record({ x: fc.integer(), y: fc.integer() }, { requiredKeys: ['x', 'y'] }),
          ),
        }),
      )
      .map(({ nodes, layout }) =>
        scenarioDocumentSchema.parse({
          format: 'ivr-scenario/1',
          id: 'r',
          name: 'R',
          kind: 'ivr',
          start: nodes[0]!.id,
          nodes,
          layout,
        }),
      );
    fc.assert(
      fc.property(arbitraryDoc, (random) => {
        expect(fromGraph(toGraph(random), random)).toEqual(random);
      }),
      { numRuns: 100 },
    );
  });
});
