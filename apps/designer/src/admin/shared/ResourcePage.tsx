import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/apiClient';
import { useAuth } from '../../auth/AuthContext';
import { toFormValues, toRequestBody, type ResourceField } from './resourceFields';
import { useScenarioIds } from '../../api/referenceData';

export type Row = Record<string, unknown> & { id: string };

interface ResourcePageProps {
  title: string;
  /** API path under /api, e.g. `/routes`. */
  path: string;
  fields: readonly ResourceField[];
  testId: string;
  /** Extra buttons per row (a connection's test). */
  rowActions?: (row: Row) => ReactNode;
  /** A dialog of the page's own instead of the generic field form (record null: a new one). */
  renderDialog?: (record: Row | null, onClose: () => void) => ReactNode;
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A list with create / edit / delete for one admin resource of the runtime's CRUD API. */
export function ResourcePage({ title, path, fields, testId, rowActions, renderDialog }: ResourcePageProps) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const list = useQuery({ queryKey: ['admin', path], queryFn: ({ signal }) => api.get<Row[]>(path, signal) });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`${path}/${encodeURIComponent(id)}`),
    onSuccess: () => {
      notifications.show({ message: t('common.deleted'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: ['admin', path] });
    },
    onError: (error) => notifications.show({ message: errorMessage(error), color: 'red' }),
  });
  const columns = fields.filter((f) => f.column);

  return (
    <Stack gap="sm" data-testid={testId}>
      <Group justify="space-between">
        <Title order={4}>{title}</Title>
        {canEdit && (
          <Button
            size="xs"
            leftSection={<Plus size={14} />}
            onClick={() => setEditing('new')}
            data-testid={`${testId}-add`}
          >
            {t('common.add')}
          </Button>
        )}
      </Group>
      {list.isError && <Alert color="red">{t('errors.loadFailed', { message: errorMessage(list.error) })}</Alert>}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.name}>{t(c.label)}</Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(Array.isArray(list.data) ? list.data : []).map((row) => (
            <Table.Tr key={row.id} data-testid={`${testId}-row-${row.id}`}>
              {columns.map((c) => (
                <Table.Td key={c.name}>{display(row[c.name])}</Table.Td>
              ))}
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {rowActions?.(row)}
                  {canEdit && (
                    <>
                      <ActionIcon variant="subtle" aria-label={t('common.edit')} onClick={() => setEditing(row)}>
                        <Pencil size={14} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        onClick={() =>
                          window.confirm(t('common.confirmDelete', { name: display(row.name ?? row.id) })) &&
                          remove.mutate(row.id)
                        }
                      >
                        <Trash2 size={14} />
                      </ActionIcon>
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.isSuccess && list.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('common.empty')}
        </Text>
      )}
      {editing &&
        (renderDialog ? (
          renderDialog(editing === 'new' ? null : editing, () => setEditing(null))
        ) : (
          <ResourceDialog
            key={editing === 'new' ? 'new' : editing.id}
            title={title}
            path={path}
            fields={fields}
            record={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            testId={testId}
          />
        ))}
    </Stack>
  );
}

function ResourceDialog({
  title,
  path,
  fields,
  record,
  onClose,
  testId,
}: {
  title: string;
  path: string;
  fields: readonly ResourceField[];
  record: Row | null;
  onClose(): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => toFormValues(fields, record));
  const save = useMutation({
    mutationFn: () => {
      const body = toRequestBody(fields, values);
      return record ? api.put(`${path}/${encodeURIComponent(record.id)}`, body) : api.post(path, body);
    },
    onSuccess: () => {
      notifications.show({ message: t('common.saved'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: ['admin', path] });
      onClose();
    },
  });
  const set = (name: string, value: unknown) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="xs">
          {fields
            .filter((field) => !field.listOnly)
            .map((field) => {
              const common = {
                label: t(field.label),
                required: field.required,
                'data-testid': `${testId}-field-${field.name}`,
              };
              const value = values[field.name];
              switch (field.kind) {
                case 'number':
                  return (
                    <NumberInput
                      key={field.name}
                      {...common}
                      value={value as number | string}
                      onChange={(v) => set(field.name, v)}
                    />
                  );
                case 'boolean':
                  return (
                    <Switch
                      key={field.name}
                      {...common}
                      checked={Boolean(value)}
                      onChange={(e) => set(field.name, e.currentTarget.checked)}
                    />
                  );
                case 'select':
                  return (
                    <Select
                      key={field.name}
                      {...common}
                      value={(value as string) || null}
                      data={[...(field.options ?? [])]}
                      onChange={(v) => set(field.name, v ?? '')}
                    />
                  );
                case 'textarea':
                case 'json':
                  return (
                    <Textarea
                      key={field.name}
                      {...common}
                      value={String(value ?? '')}
                      autosize
                      minRows={field.kind === 'json' ? 3 : 2}
                      styles={field.kind === 'json' ? { input: { fontFamily: 'ui-monospace, monospace' } } : undefined}
                      onChange={(e) => set(field.name, e.currentTarget.value)}
                    />
                  );
                case 'scenario':
                  return (
                    <ScenarioIdInput
                      key={field.name}
                      {...common}
                      value={String(value ?? '')}
                      onChange={(v) => set(field.name, v)}
                    />
                  );
                default:
                  return (
                    <TextInput
                      key={field.name}
                      {...common}
                      value={String(value ?? '')}
                      onChange={(e) => set(field.name, e.currentTarget.value)}
                    />
                  );
              }
            })}
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid={`${testId}-save`}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ScenarioIdInput(props: { label: string; required?: boolean; value: string; onChange(value: string): void }) {
  const ids = useScenarioIds();
  return <Autocomplete {...props} data={ids} />;
}
