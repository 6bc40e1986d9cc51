import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { PlugZap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/apiClient';
import { useAuth } from '../../auth/AuthContext';
import { ResourcePage } from '../shared/ResourcePage';
import { ConnectionDialog } from './ConnectionDialog';
import type { ResourceField } from '../shared/resourceFields';

/** The table's columns; the form is ConnectionDialog's, generated from each driver's schema. */
const CONNECTION_COLUMNS: ResourceField[] = [
  { name: 'name', label: 'common.name', kind: 'text', column: true, listOnly: true },
  { name: 'type', label: 'admin.connectionType', kind: 'text', column: true, listOnly: true },
  { name: 'driver', label: 'admin.driver', kind: 'text', column: true, listOnly: true },
  // Secrets are write-only: the list shows which are set, never their values.
  { name: 'secretsSet', label: 'admin.secretsSet', kind: 'text', column: true, listOnly: true },
  { name: 'description', label: 'editor.description', kind: 'text', column: true, listOnly: true },
];

interface ConnectionTestResult {
  ok: boolean;
  check: string;
  message: string;
  durationMs: number;
}

/** SQL, SMS, mail and payment connections that scenarios name, each with a test button. */
export function ConnectionsPage() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const test = useMutation({
    mutationFn: (id: string) => api.post<ConnectionTestResult>(`/connections/${encodeURIComponent(id)}/test`),
    onSuccess: (result) =>
      notifications.show({
        message: result.ok
          ? `${t('admin.testOk')} (${result.check}, ${result.durationMs} ms)`
          : t('admin.testFailed', { message: result.message }),
        color: result.ok ? 'green' : 'red',
      }),
    onError: (error) =>
      notifications.show({ message: t('admin.testFailed', { message: errorMessage(error) }), color: 'red' }),
  });
  return (
    <Stack p="md">
      <ResourcePage
        title={t('admin.connections')}
        path="/connections"
        fields={CONNECTION_COLUMNS}
        renderDialog={(record, onClose) => (
          <ConnectionDialog key={record?.id ?? 'new'} record={record} onClose={onClose} />
        )}
        testId="connections"
        rowActions={(row) =>
          canEdit && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<PlugZap size={12} />}
              loading={test.isPending && test.variables === row.id}
              onClick={() => test.mutate(row.id)}
              data-testid={`connection-test-${row.id}`}
            >
              {t('admin.test')}
            </Button>
          )
        }
      />
    </Stack>
  );
}
