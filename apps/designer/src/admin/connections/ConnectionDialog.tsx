import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/apiClient';
import type { JsonSchema } from '../../catalog/componentSchemas';
import { setIn } from '../../editor/store/documentModel';
import { describeParams, emptyValue } from '../../forms/schemaForm/fieldModel';
import { FormContext, type SchemaFormContext } from '../../forms/schemaForm/formContext';
import { SchemaField } from '../../forms/schemaForm/SchemaField';
import type { Row } from '../shared/ResourcePage';

interface ConnectionKind {
  type: string;
  driver: string;
  settingsJsonSchema: JsonSchema;
  secretFields: string[];
}

const NO_MESSAGES = new Map<string, string[]>();

/**
 * A connection's form, generated like the inspector's from the JSON Schema the runtime publishes for
 * each driver. Secrets are write-only: left empty, the stored value is kept.
 */
export function ConnectionDialog({ record, onClose }: { record: Row | null; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const kinds = useQuery({
    queryKey: ['admin', '/connections/kinds'],
    queryFn: ({ signal }) => api.get<ConnectionKind[]>('/connections/kinds', signal),
    staleTime: Infinity,
  });
  const [name, setName] = useState(String(record?.name ?? ''));
  const [type, setType] = useState<string | null>((record?.type as string) ?? null);
  const [driver, setDriver] = useState<string | null>((record?.driver as string) ?? null);
  const [settings, setSettings] = useState<Record<string, unknown>>(
    (record?.settings as Record<string, unknown>) ?? {},
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [description, setDescription] = useState(String(record?.description ?? ''));

  const kind = kinds.data?.find((k) => k.type === type && k.driver === driver);
  const spec = useMemo(() => (kind ? describeParams(kind.settingsJsonSchema) : null), [kind]);
  const types = [...new Set((kinds.data ?? []).map((k) => k.type))];
  const drivers = (kinds.data ?? []).filter((k) => k.type === type).map((k) => k.driver);

  const context: SchemaFormContext = useMemo(
    () => ({
      testIdPrefix: 'connections-settings-',
      messages: NO_MESSAGES,
      variables: [],
      readOnly: false,
      onChange: (path, value) => setSettings((current) => setIn(current, path, value) as Record<string, unknown>),
      onCommit: () => undefined,
    }),
    [],
  );

  const save = useMutation({
    mutationFn: () => {
      const filled = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== ''));
      const body = { name, type, driver, settings, secrets: filled, description: description || null };
      return record ? api.put(`/connections/${encodeURIComponent(record.id)}`, body) : api.post('/connections', body);
    },
    onSuccess: () => {
      notifications.show({ message: t('common.saved'), color: 'green' });
      void queryClient.invalidateQueries({ queryKey: ['admin', '/connections'] });
      onClose();
    },
  });

  const chooseDriver = (next: string | null) => {
    setDriver(next);
    const chosen = kinds.data?.find((k) => k.type === type && k.driver === next);
    // A new driver starts from its defaults; what was typed for another driver would not fit.
    if (chosen && next !== record?.driver)
      setSettings(emptyValue(describeParams(chosen.settingsJsonSchema)) as Record<string, unknown>);
  };

  return (
    <Modal opened onClose={onClose} title={t('admin.connections')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="xs">
          <TextInput
            label={t('common.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="connections-field-name"
          />
          <Group grow>
            <Select
              label={t('admin.connectionType')}
              required
              value={type}
              data={types}
              onChange={(next) => {
                setType(next);
                setDriver(null);
              }}
              data-testid="connections-field-type"
            />
            <Select
              label={t('admin.driver')}
              required
              value={driver}
              data={drivers}
              onChange={chooseDriver}
              data-testid="connections-field-driver"
            />
          </Group>
          {spec && (
            <FormContext.Provider value={context}>
              <SchemaField spec={spec} value={settings} path={[]} />
            </FormContext.Provider>
          )}
          {kind?.secretFields.map((field) => (
            <PasswordInput
              key={field}
              label={field}
              description={
                (record?.secretsSet as string[] | undefined)?.includes(field) ? t('admin.secretKept') : undefined
              }
              value={secrets[field] ?? ''}
              onChange={(e) => setSecrets({ ...secrets, [field]: e.currentTarget.value })}
              autoComplete="new-password"
              data-testid={`connections-secret-${field}`}
            />
          ))}
          <Textarea
            label={t('editor.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {kinds.isError && <Alert color="red">{errorMessage(kinds.error)}</Alert>}
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!kind} data-testid="connections-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
