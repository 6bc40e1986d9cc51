import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/apiClient';
import { scenarioApi, scenarioKeys } from '../../api/scenarioApi';
import type { Diagnostic } from '../../api/types';
import { hasErrors } from '../../schema/sharedSchema';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';

/** Publishes the saved draft as a new live version; unsaved edits are saved first. */
export function PublishDialog({
  scenarioId,
  opened,
  onClose,
  save,
}: {
  scenarioId: string;
  opened: boolean;
  onClose(): void;
  save(): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();
  const blocked = useEditor((s) => hasErrors(s.diagnostics));
  const [note, setNote] = useState('');
  const [serverProblems, setServerProblems] = useState<Diagnostic[]>([]);

  const publish = useMutation({
    mutationFn: async () => {
      const state = store.getState();
      if (state.doc !== state.savedDoc && !(await save())) throw new Error(t('editor.unsaved'));
      return scenarioApi.publish(scenarioId, note);
    },
    onSuccess: (result) => {
      notifications.show({ message: t('editor.published', { version: result.version }), color: 'green' });
      setNote('');
      setServerProblems([]);
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
      onClose();
    },
    onError: (error) => {
      // 422: the runtime's validator found what the live one did not (e.g. a missing sub-scenario).
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.body.diagnostics))
        setServerProblems(error.body.diagnostics as Diagnostic[]);
      else notifications.show({ message: errorMessage(error), color: 'red' });
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('editor.publish')}>
      <div data-testid="publish-dialog">
        {blocked && (
          <Alert color="red" mb="sm" data-testid="publish-blocked">
            {t('editor.publishBlocked')}
          </Alert>
        )}
        {serverProblems.length > 0 && (
          <Alert color="red" mb="sm" data-testid="publish-server-problems">
            <List size="xs">
              {serverProblems.map((d, i) => (
                <List.Item key={i}>
                  {d.nodeId ? `${d.nodeId}: ` : ''}
                  {d.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Textarea
          label={t('editor.publishNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="publish-note"
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={blocked}
            loading={publish.isPending}
            onClick={() => publish.mutate()}
            data-testid="publish-confirm"
          >
            {t('editor.publish')}
          </Button>
        </Group>
      </div>
    </Modal>
  );
}
