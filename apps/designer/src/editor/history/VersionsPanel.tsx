import { Badge, Button, Group, ScrollArea, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiClient';
import { scenarioApi, scenarioKeys } from '../../api/scenarioApi';
import { useAuth } from '../../auth/AuthContext';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { diffDocuments } from './diffHighlight';
import { normalizeDocument } from '../../schema/normalizeDocument';

/** Published versions, newest first: compare one with the draft on the canvas, or make it live again. */
export function VersionsPanel({ scenarioId }: { scenarioId: string }) {
  const { t, i18n } = useTranslation();
  const { canEdit } = useAuth();
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();
  const diffVersion = useEditor((s) => s.diff?.version ?? null);
  const versions = useQuery({
    queryKey: scenarioKeys.versions(scenarioId),
    queryFn: ({ signal }) => scenarioApi.versions(scenarioId, signal),
  });
  const compare = useMutation({
    mutationFn: (version: number) => scenarioApi.version(scenarioId, version),
    onSuccess: (detail) =>
      store.getState().setDiff(diffDocuments(detail.version, normalizeDocument(detail.document), store.getState().doc)),
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });
  const rollback = useMutation({
    mutationFn: (version: number) => scenarioApi.rollback(scenarioId, version),
    onSuccess: (result) => {
      notifications.show({ message: t('history.rolledBack', { version: result.liveVersion }), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: scenarioKeys.all });
    },
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });

  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <ScrollArea h="100%" data-testid="versions-panel">
      {diffVersion !== null && (
        <Group p="xs" gap="xs" data-testid="diff-legend">
          <Text size="xs">{t('history.diffLegend')}</Text>
          <Badge size="xs" color="green">
            {t('history.added')}
          </Badge>
          <Badge size="xs" color="yellow">
            {t('history.changed')}
          </Badge>
          <Badge size="xs" color="red">
            {t('history.removed')}
          </Badge>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => store.getState().setDiff(null)}
            data-testid="diff-hide"
          >
            {t('history.hideDiff')}
          </Button>
        </Group>
      )}
      {versions.isError && (
        <Text size="xs" c="red" p="xs">
          {errorMessage(versions.error)}
        </Text>
      )}
      {versions.isSuccess && list.length === 0 && (
        <Text size="sm" c="dimmed" p="sm">
          {t('history.none')}
        </Text>
      )}
      <Table fz="xs" verticalSpacing={2}>
        <Table.Tbody>
          {list.map((v) => (
            <Table.Tr key={v.version} data-testid={`version-row-${v.version}`}>
              <Table.Td w={110}>
                <Group gap={4} wrap="nowrap">
                  {t('history.version', { version: v.version })}
                  {v.live && (
                    <Badge size="xs" color="green" data-testid={`version-live-${v.version}`}>
                      {t('history.live')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{v.note}</Table.Td>
              <Table.Td>{v.publishedBy}</Table.Td>
              <Table.Td>{new Date(v.publishedAt).toLocaleString(i18n.language)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant={diffVersion === v.version ? 'filled' : 'light'}
                    loading={compare.isPending && compare.variables === v.version}
                    onClick={() =>
                      diffVersion === v.version ? store.getState().setDiff(null) : compare.mutate(v.version)
                    }
                    data-testid={`version-diff-${v.version}`}
                  >
                    {diffVersion === v.version ? t('history.hideDiff') : t('history.showDiff')}
                  </Button>
                  {canEdit && !v.live && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="orange"
                      loading={rollback.isPending && rollback.variables === v.version}
                      onClick={() => rollback.mutate(v.version)}
                      data-testid={`version-rollback-${v.version}`}
                    >
                      {t('history.rollback')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
