import { useEffect } from 'react';
import { validateScenario } from '../../schema/sharedSchema';
import { useEditorStoreApi } from '../store/EditorStoreContext';

/** The first run waits for the browser to be idle, at most this long. */
const FIRST_RUN_TIMEOUT_MS = 1000;

/**
 * Runs the shared validator whenever the document changes, after a short pause so typing stays
 * fluid; the pause grows with the scenario because validation time does. The first run waits until
 * the editor has been drawn: on a large scenario it takes as long as a frame or several, which the
 * opening would otherwise wait for.
 */
export function useLiveValidation(): void {
  const store = useEditorStoreApi();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { doc, catalog } = store.getState();
      store.getState().setDiagnostics(validateScenario(doc, catalog));
    };
    const cancelFirst = whenIdle(run);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc === previous.doc) return;
      cancelFirst();
      clearTimeout(timer);
      timer = setTimeout(run, Math.min(1000, 150 + state.doc.nodes.length));
    });
    return () => {
      cancelFirst();
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}

/** `run` once the browser is idle (after the next paint at the latest a second later); returns a cancel. */
function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: FIRST_RUN_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 0);
  return () => clearTimeout(handle);
}
