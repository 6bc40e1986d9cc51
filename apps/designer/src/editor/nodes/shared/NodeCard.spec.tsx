import { describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import { ScenarioCanvas } from '../../canvas/ScenarioCanvas';
import { createEditorStore } from '../../store/editorStore';
import { emptyDocument, fixtureCatalog } from '../../../testing/fixtureCatalog';
import { renderInEditor } from '../../../testing/renderWithProviders';
import { changeLanguage } from '../../../i18n/i18n';

function setup() {
  const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
  const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
  const play = store.getState().addNode('play', 1, { x: 300, y: 0 });
  store.getState().connect(menu, 'digit-1', play);
  store.getState().select([]);
  return { store, menu, play };
}

describe('node card', () => {
  it('shows title, id, summary and one handle per exit', async () => {
    const { store, menu, play } = setup();
    store.getState().replaceParams(play, { tts: 'Welcome' });
    renderInEditor(<ScenarioCanvas />, store);
    const card = await screen.findByTestId(`node-${menu}`);
    expect(card.textContent).toContain('Menu');
    expect(card.textContent).toContain(menu);
    expect(screen.getByTestId(`handle-${menu}-in`)).toBeTruthy();
    expect(screen.getByTestId(`handle-${menu}-digit-1`)).toBeTruthy();
    expect(screen.getByTestId(`handle-${menu}-noinput`)).toBeTruthy();
    expect(screen.getByTestId(`node-${play}`).textContent).toContain('Welcome');
    // Params edited: the card follows (a new node object, a new model).
    act(() => store.getState().replaceParams(menu, { options: [{ key: '1' }, { key: '2' }] }));
    expect(screen.getByTestId(`handle-${menu}-digit-2`)).toBeTruthy();
  });

  it('shows the node severity and the test call trace', async () => {
    const { store, menu, play } = setup();
    renderInEditor(<ScenarioCanvas />, store);
    const card = await screen.findByTestId(`node-${menu}`);
    expect(card.className).not.toMatch(/error|warning/);
    act(() =>
      store
        .getState()
        .setDiagnostics([{ severity: 'error', code: 'x', message: 'bad', nodeId: menu, path: '/nodes/0' }]),
    );
    expect(screen.getByTestId(`node-${menu}`).className).toMatch(/error/);
    expect(screen.getByTestId(`node-${play}`).className).not.toMatch(/error/);
    act(() =>
      store
        .getState()
        .setDiagnostics([{ severity: 'warning', code: 'x', message: 'meh', nodeId: menu, path: '/nodes/0' }]),
    );
    expect(screen.getByTestId(`node-${menu}`).className).toMatch(/warning/);
    expect(screen.getByTestId(`node-${menu}`).className).not.toMatch(/error/);

    act(() =>
      store.getState().setTrace({
        activeNodeId: play,
        visitedNodes: new Set([menu, play]),
        visitedEdges: new Set([`${menu}:digit-1`]),
      }),
    );
    expect(screen.getByTestId(`node-${menu}`).getAttribute('data-visited')).toBe('true');
    expect(screen.getByTestId(`node-${menu}`).getAttribute('data-active')).toBeNull();
    expect(screen.getByTestId(`node-${play}`).getAttribute('data-active')).toBe('true');
    expect(screen.getByTestId(`node-${play}`).querySelector('[data-testid="node-active"]')).toBeTruthy();
    act(() => store.getState().setTrace(null));
    expect(screen.getByTestId(`node-${play}`).getAttribute('data-active')).toBeNull();
    expect(screen.getByTestId(`node-${menu}`).getAttribute('data-visited')).toBeNull();
  });

  it('names a component the catalog lacks, and follows the language', async () => {
    const store = createEditorStore({
      catalog: fixtureCatalog,
      doc: {
        ...emptyDocument(),
        start: 'x',
        nodes: [{ id: 'x', type: 'mystery', typeVersion: 3, params: {}, exits: {} }],
        layout: { x: { x: 0, y: 0 } },
      },
    });
    renderInEditor(<ScenarioCanvas />, store);
    expect((await screen.findByTestId('node-x')).textContent).toContain('Unknown component mystery v3');
    try {
      await act(async () => changeLanguage('ru'));
      expect(screen.getByTestId('node-x').textContent).not.toContain('Unknown component');
    } finally {
      await act(async () => changeLanguage('en'));
    }
  });
});
