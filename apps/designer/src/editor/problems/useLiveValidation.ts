import { useEffect } from 'react';
import { validateScenario } from '../../schema/sharedSchema';
import { useEditorStoreApi } from '../store/EditorStoreContext';

/**
 * Runs the shared validator whenever the document changes, after a short pause so typing stays
 * fluid; the pause grows with the scenario because validation time does.
 */
export function useLiveValidation(): void {
  const store = useEditorStoreApi();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { doc, catalog } = store.getState();
      store.getState().setDiagnostics(validateScenario(doc, catalog));
    };
    run();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc === previous.doc) return;
      clearTimeout(timer);
      timer = setTimeout(run, Math.min(1000, 150 + state.doc.nodes.length));
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}
