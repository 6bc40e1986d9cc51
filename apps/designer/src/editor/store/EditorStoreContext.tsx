import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TemporalState } from 'zundo';
import type { EditorHistoryState, EditorState, EditorStore } from './editorStore';

const EditorStoreContext = createContext<EditorStore | null>(null);

/** One store per open scenario (and per test): created by the page, handed down by context. */
export function EditorStoreProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('editor hooks used outside EditorStoreProvider');
  return store;
}

/** Subscribe to a narrow slice: components re-render only when what they select changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

export function useEditorHistory<T>(selector: (state: TemporalState<EditorHistoryState>) => T): T {
  return useStore(useEditorStoreApi().temporal, selector);
}
