import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ResourcePage } from '../shared/ResourcePage';
import type { ResourceField } from '../shared/resourceFields';

const ROUTE_FIELDS: ResourceField[] = [
  { name: 'name', label: 'common.name', kind: 'text', required: true, column: true },
  {
    name: 'matchType',
    label: 'admin.matchType',
    kind: 'select',
    options: ['exact', 'prefix', 'regex'],
    required: true,
    column: true,
    defaultValue: 'exact',
  },
  { name: 'pattern', label: 'admin.pattern', kind: 'text', required: true, column: true },
  { name: 'scenarioId', label: 'admin.scenario', kind: 'scenario', required: true, column: true },
  { name: 'priority', label: 'admin.priority', kind: 'number', column: true, defaultValue: 0 },
  { name: 'enabled', label: 'admin.enabled', kind: 'boolean', column: true, defaultValue: true },
  { name: 'timeZone', label: 'admin.timeZone', kind: 'text', nullable: true },
  { name: 'timeConditions', label: 'admin.timeConditions', kind: 'json', nullable: true },
  { name: 'description', label: 'editor.description', kind: 'textarea', nullable: true },
];

const CALLBACK_FIELDS: ResourceField[] = [
  { name: 'number', label: 'admin.number', kind: 'text', required: true, column: true },
  { name: 'scenarioId', label: 'admin.scenario', kind: 'scenario', nullable: true, column: true },
  { name: 'gateway', label: 'admin.gateway', kind: 'text', nullable: true, column: true },
  { name: 'description', label: 'editor.description', kind: 'textarea', nullable: true, column: true },
];

/** Inbound number patterns -> main scenarios, and the numbers callbacks dial out from. */
export function RoutesPage() {
  const { t } = useTranslation();
  return (
    <Stack p="md" gap="xl">
      <ResourcePage title={t('admin.routes')} path="/routes" fields={ROUTE_FIELDS} testId="routes" />
      <ResourcePage
        title={t('admin.callbackNumbers')}
        path="/callback-numbers"
        fields={CALLBACK_FIELDS}
        testId="callback-numbers"
      />
    </Stack>
  );
}
