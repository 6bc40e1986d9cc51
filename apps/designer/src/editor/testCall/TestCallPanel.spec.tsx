import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { TestCallPanel } from './TestCallPanel';
import { createEditorStore } from '../store/editorStore';
import { emptyDocument, fixtureCatalog } from '../../testing/fixtureCatalog';
import { renderInEditor } from '../../testing/renderWithProviders';
import { Transcript } from './TestCallPanel';

describe('test-call panel', () => {
  it('offers caller, number, version, keypad and hang up, idle until a call is placed', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    const onClose = vi.fn();
    renderInEditor(<TestCallPanel scenarioId="test" onClose={onClose} onShowProblems={() => undefined} />, store);
    expect((screen.getByTestId('test-call-from') as HTMLInputElement).value).toBe('79160000001');
    expect((screen.getByTestId('test-call-to') as HTMLInputElement).value).toBe('100');
    expect(screen.getByTestId('test-call-version')).toBeTruthy();
    for (const key of ['0', '1', '9', 'star', 'hash'])
      expect((screen.getByTestId(`test-call-key-${key}`) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('test-call-hangup') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('test-call-status').getAttribute('data-status')).toBe('idle');
    expect(screen.getByTestId('test-call-variables')).toBeTruthy();
    fireEvent.click(screen.getByTestId('test-call-header-add'));
    expect(screen.getByTestId('test-call-header-name-0')).toBeTruthy();
    fireEvent.click(screen.getByTestId('test-call-close'));
    expect(onClose).toHaveBeenCalled();
  });

  it('renders transcript lines with stable ids', () => {
    const store = createEditorStore({ catalog: fixtureCatalog, doc: emptyDocument() });
    renderInEditor(
      <Transcript
        lines={[
          { kind: 'prompt', text: 'Welcome', media: 'tts' },
          { kind: 'bridged', target: '200' },
          { kind: 'ended', cause: 'NORMAL_CLEARING' },
        ]}
      />,
      store,
    );
    expect(screen.getByTestId('transcript-line-0').textContent).toBe('Welcome');
    expect(screen.getByTestId('transcript-line-1').textContent).toContain('200');
    expect(screen.getByTestId('transcript-line-2').textContent).toContain('NORMAL_CLEARING');
  });
});
