import { describe, expect, it } from 'vitest';
import { autoLayout } from './autoLayout';
import { createEditorStore } from '../store/editorStore';
import { emptyDocument, fixtureCatalog } from '../../testing/fixtureCatalog';

describe('auto-layout', () => {
  it('places each wired successor to the right of its source', async () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const s = store.getState();
    const menu = s.addNode('menu', 1, { x: 0, y: 0 });
    const play = s.addNode('play', 1, { x: 0, y: 0 });
    const cond = s.addNode('condition', 1, { x: 0, y: 0 });
    s.connect(menu, 'digit-1', play);
    s.connect(play, 'ok', cond);
    const positions = await autoLayout(store.getState().doc, {});
    expect(Object.keys(positions).sort()).toEqual([cond, menu, play].sort());
    expect(positions[play]!.x).toBeGreaterThan(positions[menu]!.x);
    expect(positions[cond]!.x).toBeGreaterThan(positions[play]!.x);
  });
});
