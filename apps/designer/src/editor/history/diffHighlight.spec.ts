import { describe, expect, it } from 'vitest';
import { diffDocuments } from './diffHighlight';
import { emptyDocument } from '../../testing/fixtureCatalog';
import type { ScenarioNode } from '@ivr/scenario-schema';

const node = (id: string, params: Record<string, unknown> = {}, exits: Record<string, string> = {}): ScenarioNode => ({
  id,
  type: 'play',
  typeVersion: 1,
  params,
  exits,
});

describe('version diff on the canvas', () => {
  it('marks added, changed and removed nodes; moves and key order are not changes', () => {
    const base = { ...emptyDocument(), nodes: [node('a', { x: 1, y: 2 }), node('b'), node('gone')] };
    base.layout = { a: { x: 0, y: 0 }, gone: { x: 5, y: 6 } };
    const draft = {
      ...emptyDocument(),
      nodes: [node('a', { y: 2, x: 1 }), node('b', {}, { ok: 'c' }), node('c')],
      layout: { a: { x: 100, y: 100 } },
    };
    const diff = diffDocuments(3, base, draft);
    expect(diff.version).toBe(3);
    expect([...diff.status]).toEqual([
      ['b', 'changed'],
      ['c', 'added'],
      ['gone', 'removed'],
    ]);
    expect(diff.removed).toEqual([{ node: base.nodes[2], position: { x: 5, y: 6 } }]);
  });
});
