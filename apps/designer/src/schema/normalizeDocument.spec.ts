import { describe, expect, it } from 'vitest';
import { normalizeDocument } from './normalizeDocument';

describe('normalizing a stored draft', () => {
  it('fills the fields the schema defaults, keeps everything else', () => {
    const doc = normalizeDocument({
      format: 'ivr-scenario/1',
      id: 'x',
      name: 'X',
      kind: 'ivr',
      start: 'a',
      nodes: [{ id: 'a', type: 'play', typeVersion: 1 }],
    });
    expect(doc).toMatchObject({ params: [], returns: [], variables: [], layout: {}, start: 'a', kind: 'ivr' });
    expect(doc.nodes[0]).toEqual({ id: 'a', type: 'play', typeVersion: 1, params: {}, exits: {} });
  });
});
