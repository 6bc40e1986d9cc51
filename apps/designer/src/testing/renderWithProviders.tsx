import type { ReactElement, ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import '../i18n/i18n';
import { EditorStoreProvider } from '../editor/store/EditorStoreContext';
import { AuthProvider } from '../auth/AuthContext';
import type { EditorStore } from '../editor/store/editorStore';

/** Renders editor UI the way the page does: Mantine, React Flow and a store of the test's own. */
export function renderInEditor(ui: ReactElement, store: EditorStore) {
  // No retries and no network: reference lists (connections, scenarios) simply stay empty.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <MantineProvider>
          <EditorStoreProvider store={store}>
            <ReactFlowProvider>{children}</ReactFlowProvider>
          </EditorStoreProvider>
        </MantineProvider>
      </AuthProvider>
    </QueryClientProvider>
  );
  return render(ui, { wrapper });
}
