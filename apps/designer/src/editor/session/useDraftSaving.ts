import { useCallback, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/apiClient';
import { scenarioApi, scenarioKeys } from '../../api/scenarioApi';
import type { DraftConflict } from '../../api/types';
import { useEditorStoreApi } from '../store/EditorStoreContext';
import { normalizeDocument } from '../../schema/normalizeDocument';

export interface DraftSaving {
  save(): Promise<boolean>;
  saving: boolean;
  /** Set when the server has a newer revision than the draft was based on. */
  conflict: (DraftConflict & { mine: number }) | null;
  reloadFromServer(): Promise<void>;
  dismissConflict(): void;
}

/** Saves the draft with optimistic concurrency: the revision it was based on goes along, 409 means someone else saved. */
export function useDraftSaving(scenarioId: string): DraftSaving {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<DraftSaving['conflict']>(null);

  const mutation = useMutation({
    mutationFn: async () => {
      const { doc, revision } = store.getState();
      const result = await scenarioApi.saveDraft(scenarioId, doc, revision);
      return { doc, revision: result.revision };
    },
    onSuccess: ({ doc, revision }) => {
      store.getState().markSaved(doc, revision);
      notifications.show({ message: t('editor.saved'), color: 'green', autoClose: 1500 });
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        const body = error.body as Partial<DraftConflict>;
        setConflict({
          message: body.message ?? error.message,
          currentRevision: body.currentRevision ?? NaN,
          document: body.document as DraftConflict['document'],
          mine: store.getState().revision,
        });
      } else notifications.show({ message: errorMessage(error), color: 'red' });
    },
  });

  const save = useCallback(async () => {
    if (store.getState().readOnly) return false;
    try {
      await mutation.mutateAsync();
      return true;
    } catch {
      return false;
    }
  }, [mutation, store]);

  const reloadFromServer = useCallback(async () => {
    // The 409 answer carries the server's draft; fetch only when it does not.
    let doc = conflict?.document;
    let revision = conflict?.currentRevision;
    if (!doc || revision === undefined || Number.isNaN(revision)) {
      const detail = await scenarioApi.get(scenarioId);
      doc = detail.document;
      revision = detail.revision;
    }
    store.getState().loadDocument(normalizeDocument(doc), revision);
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: scenarioKeys.detail(scenarioId) });
  }, [conflict, scenarioId, store, queryClient]);

  return {
    save,
    saving: mutation.isPending,
    conflict,
    reloadFromServer,
    dismissConflict: () => setConflict(null),
  };
}
