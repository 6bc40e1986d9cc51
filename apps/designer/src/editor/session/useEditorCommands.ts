import { useCallback, useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { readNodesFromClipboard, writeNodesToClipboard } from '../clipboard/systemClipboard';
import { autoLayout } from '../layout/autoLayout';
import { useEditorStoreApi } from '../store/EditorStoreContext';
import { downloadJson, parseScenarioDocument, pickTextFile } from '../toolbar/documentFiles';

export interface EditorCommands {
  undo(): void;
  redo(): void;
  copy(): Promise<void>;
  paste(): Promise<void>;
  deleteSelection(): void;
  layout(): Promise<void>;
  fit(): void;
  exportJson(): void;
  importJson(): Promise<void>;
  /** Adds a component at the middle of the visible canvas (palette double-click). */
  addAtCenter(definition: ComponentDefinition): void;
}

/** Everything the toolbar and the keyboard shortcuts can do, with stable identities. */
export function useEditorCommands(): EditorCommands {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const flow = useReactFlow();

  const fit = useCallback(() => void flow.fitView({ duration: 300 }), [flow]);
  // After a store change React Flow needs a render to know the new positions before it can fit them.
  const fitSoon = useCallback(() => setTimeout(fit, 50), [fit]);

  const layout = useCallback(async () => {
    const { doc, measured } = store.getState();
    const positions = await autoLayout(doc, measured);
    store.getState().applyLayout(positions);
    fitSoon();
  }, [store, fitSoon]);

  const paste = useCallback(async () => {
    const payload = await readNodesFromClipboard();
    if (!payload) {
      notifications.show({ message: t('editor.pasteFailed'), color: 'yellow' });
      return;
    }
    store.getState().paste(payload);
  }, [store, t]);

  const copy = useCallback(async () => {
    const payload = store.getState().copySelection();
    if (payload) await writeNodesToClipboard(payload);
  }, [store]);

  const exportJson = useCallback(() => {
    const { doc } = store.getState();
    downloadJson(`${doc.id}.json`, doc);
  }, [store]);

  const importJson = useCallback(async () => {
    const text = await pickTextFile();
    if (text === null) return;
    const result = parseScenarioDocument(text, store.getState().doc.id);
    if ('error' in result) {
      notifications.show({ message: t('editor.importInvalid', { message: result.error }), color: 'red' });
      return;
    }
    // The draft stays this scenario: an imported file replaces its content, not its identity.
    const current = store.getState().doc;
    store.getState().replaceDocument({ ...result.doc, id: current.id });
    notifications.show({ message: t('editor.importReplaced'), color: 'blue' });
    fitSoon();
  }, [store, t, fitSoon]);

  const addAtCenter = useCallback(
    (definition: ComponentDefinition) => {
      // The canvas element is found by its test id: the commands live outside the component that renders it.
      const pane = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const center = pane
        ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
        : { x: 0, y: 0 };
      store.getState().addNode(definition.type, definition.typeVersion, center);
    },
    [store, flow],
  );

  return useMemo(
    () => ({
      undo: () => store.getState().undo(),
      redo: () => store.getState().redo(),
      copy,
      paste,
      deleteSelection: () => store.getState().deleteSelection(),
      layout,
      fit,
      exportJson,
      importJson,
      addAtCenter,
    }),
    [store, copy, paste, layout, fit, exportJson, importJson, addAtCenter],
  );
}
