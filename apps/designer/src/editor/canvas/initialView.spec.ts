import { describe, expect, it } from 'vitest';
import { initialViewNodes } from './initialView';
import { emptyDocument } from '../../testing/fixtureCatalog';

function chain(length: number) {
  const doc = emptyDocument();
  doc.nodes = Array.from({ length }, (_, i) => ({
    id: `n${i}`,
    type: 'play',
    typeVersion: 1,
    params: {},
    exits: (i + 1 < length ? { ok: `n${i + 1}` } : {}) as Record<string, string>,
  }));
  doc.start = 'n5';
  return doc;
}

describe('initial view', () => {
  it('shows a small scenario whole', () => {
    expect(initialViewNodes(chain(10), 200)).toBeUndefined();
  });
  it('opens a large one on its start and the nodes that follow it', () => {
    const nodes = initialViewNodes(chain(1000), 200)!;
    expect(nodes).toHaveLength(30);
    expect(nodes[0]).toEqual({ id: 'n5' });
    expect(nodes.at(-1)).toEqual({ id: 'n34' });
  });
});
