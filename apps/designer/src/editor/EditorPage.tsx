import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { Alert, Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/apiClient';
import { scenarioApi, scenarioKeys } from '../api/scenarioApi';
import type { ScenarioDetail } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { catalog } from '../catalog/catalog';
import { normalizeDocument } from '../schema/normalizeDocument';
import { EditorWorkspace } from './EditorWorkspace';
import { useUnsavedChangesGuard } from './session/useUnsavedChangesGuard';
import { EditorStoreProvider } from './store/EditorStoreContext';
import { createEditorStore, type EditorStore } from './store/editorStore';

/** Loads the scenario once and gives it a store of its own for as long as the page is open. */
export function EditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const scenario = useQuery({
    queryKey: scenarioKeys.detail(id),
    queryFn: ({ signal }) => scenarioApi.get(id, signal),
    // The store owns the draft once loaded: refetching must not overwrite edits.
    staleTime: Infinity,
    refetchOnMount: 'always',
  });
  if (scenario.isPending)
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  if (scenario.isError)
    return (
      <Alert color="red" m="md" data-testid="editor-load-error">
        {t('errors.loadFailed', { message: errorMessage(scenario.error) })}
      </Alert>
    );
  return <LoadedEditor key={id} detail={scenario.data} />;
}

function LoadedEditor({ detail }: { detail: ScenarioDetail }) {
  const { canEdit } = useAuth();
  const [store] = useState<EditorStore>(() =>
    createEditorStore({
      catalog,
      doc: normalizeDocument(detail.document),
      revision: detail.revision,
      readOnly: !canEdit,
    }),
  );
  useUnsavedChangesGuard(store);
  // ?replay=<callId> (the calls page's replay button) opens the test-call panel on that call's trace.
  const [searchParams, setSearchParams] = useSearchParams();
  const replayCallId = searchParams.get('replay');
  return (
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <EditorWorkspace
          scenarioId={detail.id}
          replayCallId={replayCallId}
          onReplayClosed={() => setSearchParams({}, { replace: true })}
        />
      </ReactFlowProvider>
    </EditorStoreProvider>
  );
}
