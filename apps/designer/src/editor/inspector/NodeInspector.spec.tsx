import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { NodeInspector } from './NodeInspector';
import { createEditorStore } from '../store/editorStore';
import { emptyDocument, fixtureCatalog } from '../../testing/fixtureCatalog';
import { renderInEditor } from '../../testing/renderWithProviders';

function setup() {
  const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
  const menu = store.getState().addNode('menu', 1, { x: 0, y: 0 });
  const condition = store.getState().addNode('condition', 1, { x: 0, y: 100 });
  return { store, menu, condition };
}

describe('node inspector', () => {
  it('generates the form from the params schema with stable test ids', () => {
    const { store, menu } = setup();
    renderInEditor(<NodeInspector nodeId={menu} />, store);
    expect(screen.getByTestId('field-menu-options')).toBeTruthy();
    expect(screen.getByTestId('field-menu-options.0.key')).toBeTruthy();
    expect((screen.getByTestId('field-menu-timeout') as HTMLInputElement).value).toBe('5');
  });

  it('writes edits into the document and adds list items', () => {
    const { store, menu } = setup();
    renderInEditor(<NodeInspector nodeId={menu} />, store);
    fireEvent.change(screen.getByTestId('field-menu-timeout'), { target: { value: '9' } });
    expect(store.getState().doc.nodes[0]!.params.timeout).toBe(9);
    fireEvent.click(screen.getByTestId('field-menu-options-add'));
    expect(store.getState().doc.nodes[0]!.params.options).toEqual([{ key: '1' }, { key: '1' }]);
  });

  it('shows the validator message of a param under its field', () => {
    const { store, condition } = setup();
    renderInEditor(<NodeInspector nodeId={condition} />, store);
    act(() =>
      store.getState().setDiagnostics([
        {
          severity: 'error',
          code: 'undefined-variable',
          message: 'foo is not declared',
          nodeId: condition,
          path: '/nodes/1/params/when',
        },
        {
          severity: 'warning',
          code: 'unreachable-node',
          message: 'nothing leads here',
          nodeId: condition,
          path: '/nodes/1',
        },
      ]),
    );
    expect(screen.getByText('foo is not declared')).toBeTruthy();
    expect(screen.getByTestId('inspector-node-problem').textContent).toBe('nothing leads here');
  });

  it('edits the params of a component the catalog does not know as JSON', () => {
    const doc = emptyDocument();
    doc.nodes = [{ id: 'odd', type: 'mystery', typeVersion: 3, params: { a: 1 }, exits: {} }];
    const store = createEditorStore({ catalog: fixtureCatalog, doc });
    renderInEditor(<NodeInspector nodeId="odd" />, store);
    const json = screen.getByTestId('field-odd-params');
    fireEvent.change(json, { target: { value: '{"a": 2}' } });
    expect(store.getState().doc.nodes[0]!.params).toEqual({ a: 2 });
  });

  it('renames the node on blur, everywhere it is referenced', () => {
    const { store, menu, condition } = setup();
    store.getState().connect(menu, 'digit-1', condition);
    renderInEditor(<NodeInspector nodeId={condition} />, store);
    const input = screen.getByTestId('inspector-node-id');
    fireEvent.change(input, { target: { value: 'check' } });
    expect(store.getState().doc.nodes[1]!.id).toBe(condition);
    fireEvent.blur(input);
    expect(store.getState().doc.nodes[1]!.id).toBe('check');
    expect(store.getState().doc.nodes[0]!.exits).toEqual({ 'digit-1': 'check' });
  });
});
