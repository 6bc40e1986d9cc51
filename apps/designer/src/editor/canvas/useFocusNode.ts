import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditorStoreApi } from '../store/EditorStoreContext';

/** Selects a node and brings it to the middle of the canvas (problems panel, search). */
export function useFocusNode(): (nodeId: string) => void {
  const store = useEditorStoreApi();
  const { setCenter, getZoom } = useReactFlow();
  return useCallback(
    (nodeId: string) => {
      const state = store.getState();
      const position = state.doc.layout[nodeId];
      if (!state.doc.nodes.some((n) => n.id === nodeId)) return;
      state.select([nodeId]);
      if (position) {
        const size = state.measured[nodeId] ?? { width: 200, height: 100 };
        void setCenter(position.x + size.width / 2, position.y + size.height / 2, {
          zoom: Math.max(getZoom(), 0.9),
          duration: 300,
        });
      }
    },
    [store, setCenter, getZoom],
  );
}
