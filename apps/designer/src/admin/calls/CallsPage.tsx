import { useState } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/apiClient';
import { callsQueryString, traceCallId, type CallFilters } from './callsQuery';

interface CallRecord {
  id: string;
  direction: 'inbound' | 'outbound';
  caller: string | null;
  callee: string | null;
  scenarioId: string | null;
  scenarioVersion: number | null;
  startedAt: string;
  durationMs: number | null;
  result: string | null;
  hangupCause: string | null;
  /** The call's legs; traces are recorded under the leg's uuid. */
  legs?: { uuid: string; role: string }[];
}

const PAGE_SIZE = 50;

/** Call detail records, newest first, filtered on the server. */
export function CallsPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<CallFilters>({});
  const [filters, setFilters] = useState<CallFilters>({});
  const [offset, setOffset] = useState(0);
  const calls = useQuery({
    queryKey: ['calls', filters, offset],
    queryFn: ({ signal }) =>
      api.get<{ items: CallRecord[]; total: number }>(`/calls?${callsQueryString(filters, PAGE_SIZE, offset)}`, signal),
    placeholderData: (previous) => previous,
  });
  const set = (key: keyof CallFilters, value: string | null) => setDraft((d) => ({ ...d, [key]: value || undefined }));
  const total = calls.data?.total ?? 0;
  return (
    <Stack p="md" gap="sm" data-testid="calls-page">
      <Title order={4}>{t('admin.calls')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilters(draft);
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            size="xs"
            type="datetime-local"
            label={t('admin.from')}
            value={draft.from ?? ''}
            onChange={(e) => set('from', e.currentTarget.value)}
            data-testid="calls-filter-from"
          />
          <TextInput
            size="xs"
            type="datetime-local"
            label={t('admin.to')}
            value={draft.to ?? ''}
            onChange={(e) => set('to', e.currentTarget.value)}
            data-testid="calls-filter-to"
          />
          <TextInput
            size="xs"
            label={t('admin.caller')}
            value={draft.caller ?? ''}
            onChange={(e) => set('caller', e.currentTarget.value)}
            data-testid="calls-filter-caller"
          />
          <TextInput
            size="xs"
            label={t('admin.callee')}
            value={draft.callee ?? ''}
            onChange={(e) => set('callee', e.currentTarget.value)}
            data-testid="calls-filter-callee"
          />
          <TextInput
            size="xs"
            label={t('admin.scenario')}
            value={draft.scenarioId ?? ''}
            onChange={(e) => set('scenarioId', e.currentTarget.value)}
            data-testid="calls-filter-scenario"
          />
          <TextInput
            size="xs"
            label={t('admin.result')}
            value={draft.result ?? ''}
            onChange={(e) => set('result', e.currentTarget.value)}
            data-testid="calls-filter-result"
          />
          <Select
            size="xs"
            label={t('admin.direction')}
            clearable
            value={draft.direction ?? null}
            data={['inbound', 'outbound']}
            onChange={(v) => set('direction', v)}
            w={120}
          />
          <Button size="xs" type="submit" data-testid="calls-filter-apply">
            {t('admin.filter')}
          </Button>
        </Group>
      </form>
      {calls.isError && <Alert color="red">{t('errors.loadFailed', { message: errorMessage(calls.error) })}</Alert>}
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.startedAt')}</Table.Th>
            <Table.Th>{t('admin.direction')}</Table.Th>
            <Table.Th>{t('admin.caller')}</Table.Th>
            <Table.Th>{t('admin.callee')}</Table.Th>
            <Table.Th>{t('admin.scenario')}</Table.Th>
            <Table.Th>{t('admin.duration')}</Table.Th>
            <Table.Th>{t('admin.result')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calls.data?.items.map((call) => (
            <Table.Tr key={call.id} data-testid={`call-row-${call.id}`}>
              <Table.Td>{new Date(call.startedAt).toLocaleString(i18n.language)}</Table.Td>
              <Table.Td>{call.direction}</Table.Td>
              <Table.Td>{call.caller}</Table.Td>
              <Table.Td>{call.callee}</Table.Td>
              <Table.Td>
                {call.scenarioId}
                {call.scenarioVersion !== null ? ` v${call.scenarioVersion}` : ''}
              </Table.Td>
              <Table.Td>{call.durationMs === null ? '' : `${Math.round(call.durationMs / 1000)} s`}</Table.Td>
              <Table.Td>
                {call.result && <Badge variant="light">{call.result}</Badge>} {call.hangupCause}
              </Table.Td>
              <Table.Td>
                {call.scenarioId && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<History size={12} />}
                    component={Link}
                    to={`/scenarios/${encodeURIComponent(call.scenarioId)}?replay=${encodeURIComponent(traceCallId(call))}`}
                    data-testid={`call-replay-${call.id}`}
                  >
                    {t('replay.open')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('admin.total', { count: total })}
        </Text>
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('admin.previous')}
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('admin.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
