import { useEffect } from 'react';
import { parseClipboard } from '../store/clipboard';
import { rememberCopied } from '../clipboard/systemClipboard';
import { useEditorStoreApi } from '../store/EditorStoreContext';
import type { EditorCommands } from '../session/useEditorCommands';

/** Typing in a field keeps the browser's own undo, copy and delete. */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z), Ctrl+S, Del / Backspace, and copy/paste. Copy and paste use the
 * native clipboard events, which need no clipboard permission, so Ctrl+C in one tab and Ctrl+V in
 * another works everywhere.
 */
export function useEditorShortcuts(commands: EditorCommands, save: () => void): void {
  const store = useEditorStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        save();
        return;
      }
      if (isTextTarget(event.target)) return;
      if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        commands.undo();
      } else if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) {
        event.preventDefault();
        commands.redo();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        commands.deleteSelection();
      } else if (mod && key === 'a') {
        event.preventDefault();
        store.getState().select(store.getState().doc.nodes.map((n) => n.id));
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTextTarget(event.target)) return;
      const payload = store.getState().copySelection();
      if (!payload || !event.clipboardData) return;
      const text = JSON.stringify(payload);
      event.clipboardData.setData('text/plain', text);
      rememberCopied(text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTextTarget(event.target)) return;
      const payload = parseClipboard(event.clipboardData?.getData('text/plain') ?? '');
      if (!payload) return;
      event.preventDefault();
      store.getState().paste(payload);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [commands, save, store]);
}
