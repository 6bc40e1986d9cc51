import { describe, expect, it } from 'vitest';
import { documentChecksum } from './canonical-checksum.js';
import { diffScenarios } from './scenario-diff.js';

const node = (id: string, params: Record<string, unknown>, exits: Record<string, string> = {}) => ({
  id,
  type: 'play',
  typeVersion: 1,
  params,
  exits,
});

describe('diffScenarios', () => {
  it('reports added, removed and changed nodes with the changed paths, and meta fields', () => {
    const from = {
      name: 'A',
      start: 'a',
      nodes: [node('a', { tts: 'hi' }, { ok: 'b' }), node('b', {}), node('gone', {})],
      layout: { a: { x: 0, y: 0 } },
    };
    const to = {
      name: 'B',
      start: 'a',
      nodes: [node('new', {}), node('b', {}), node('a', { tts: 'hello' }, { ok: 'new' })],
      layout: { a: { x: 5, y: 0 } },
    };
    expect(diffScenarios(from, to)).toEqual({
      added: ['new'],
      removed: ['gone'],
      changed: [{ nodeId: 'a', paths: ['exits.ok', 'params.tts'] }],
      meta: ['layout', 'name'],
    });
  });

  it('finds nothing between equal documents, whatever the key order', () => {
    const doc = { name: 'A', nodes: [node('a', { x: 1, y: [1, 2] })] };
    const reordered = {
      nodes: [{ exits: {}, params: { y: [1, 2], x: 1 }, typeVersion: 1, type: 'play', id: 'a' }],
      name: 'A',
    };
    expect(diffScenarios(doc, reordered)).toEqual({ added: [], removed: [], changed: [], meta: [] });
    expect(documentChecksum(doc)).toBe(documentChecksum(reordered));
  });
});
