import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { EditorWorkspace } from './EditorWorkspace';
import { createEditorStore } from './store/editorStore';
import { emptyDocument, fixtureCatalog } from '../testing/fixtureCatalog';
import { renderInEditor } from '../testing/renderWithProviders';

describe('editor workspace', () => {
  it('renders palette, canvas nodes with exit handles, and live problems', async () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
    store.getState().select([]);
    renderInEditor(<EditorWorkspace scenarioId="test" />, store);
    expect(screen.getByTestId('palette-item-play')).toBeTruthy();
    // Service-only and other kinds' components are not offered in an IVR scenario.
    expect(screen.getByTestId('palette-item-card-capture')).toBeTruthy();
    expect(await screen.findByTestId(`node-${menu}`)).toBeTruthy();
    expect(screen.getByTestId(`handle-${menu}-digit-1`)).toBeTruthy();
    expect(screen.getByTestId(`handle-${menu}-noinput`)).toBeTruthy();
    // The unwired digit-1 exit is reported by the shared validator.
    await waitFor(() => {
      const codes = [...screen.getByTestId('problems-panel').querySelectorAll('[data-code]')].map((row) => [
        row.getAttribute('data-node-id'),
        row.getAttribute('data-code'),
      ]);
      expect(codes).toContainEqual([menu, 'exit-unconnected']);
    });
    // Keyboard: double click on a palette item adds the component.
    fireEvent.doubleClick(screen.getByTestId('palette-item-play'));
    expect(store.getState().doc.nodes.map((n) => n.type)).toEqual(['menu', 'play']);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store.getState().doc.nodes.map((n) => n.type)).toEqual(['menu']);
  });
});
