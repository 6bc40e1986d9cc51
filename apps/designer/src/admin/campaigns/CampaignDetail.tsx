import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Pause, Play, Square, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiClient';
import { campaignApi, campaignKeys, type Campaign, type CampaignAction, type CampaignSettings } from './campaignApi';
import { buildMapping, choicesFromMapping, guessChoices, type ColumnChoice } from './campaignMapping';
import { defaultSettings, settingsPayload, statusColor } from './campaignSettings';
import { MappingForm } from './MappingForm';
import { ResultsChart } from './ResultsChart';
import { SettingsForm } from './SettingsForm';

const CONTACTS_PAGE = 50;
const CONTACT_STATUSES = ['pending', 'active', 'done', 'failed', 'excluded'] as const;

export function CampaignDetail({ id, canRun, onDeleted }: { id: string; canRun: boolean; onDeleted(): void }) {
  const { t } = useTranslation();
  const campaign = useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => campaignApi.get(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 3000 : false),
  });
  if (campaign.isPending) return <Loader size="sm" />;
  if (campaign.isError)
    return <Alert color="red">{t('errors.loadFailed', { message: errorMessage(campaign.error) })}</Alert>;
  return <LoadedCampaign key={campaign.data.status} campaign={campaign.data} canRun={canRun} onDeleted={onDeleted} />;
}

function LoadedCampaign({ campaign, canRun, onDeleted }: { campaign: Campaign; canRun: boolean; onDeleted(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { id, status } = campaign;
  const preparing = status === 'draft' || status === 'ready';
  const live = status === 'running' || status === 'paused';
  const [sheet, setSheet] = useState<string | undefined>(campaign.mapping?.sheet);
  const [headerRow, setHeaderRow] = useState(campaign.mapping?.headerRow ?? 1);
  const [choices, setChoices] = useState<Record<string, ColumnChoice> | null>(null);
  const [settings, setSettings] = useState<CampaignSettings>(() => ({ ...defaultSettings(), ...campaign.settings }));
  const preview = useQuery({
    queryKey: campaignKeys.preview(id, sheet, headerRow),
    queryFn: ({ signal }) => campaignApi.preview(id, sheet, headerRow, signal),
    enabled: preparing,
    staleTime: Infinity,
  });
  // The first preview (and every header row or sheet change) proposes the columns' roles again.
  useEffect(() => {
    if (!preview.data) return;
    setChoices(
      campaign.mapping && (campaign.mapping.sheet ?? preview.data.sheet) === preview.data.sheet
        ? choicesFromMapping(preview.data.headers, campaign.mapping)
        : guessChoices(preview.data.headers),
    );
  }, [preview.data, campaign.mapping]);
  const built = useMemo(
    () =>
      preview.data && choices
        ? buildMapping(preview.data.headers, choices, { sheet: sheet ?? preview.data.sheet, headerRow })
        : null,
    [preview.data, choices, sheet, headerRow],
  );
  const refresh = () => void queryClient.invalidateQueries({ queryKey: campaignKeys.all });

  const prepare = useMutation({
    mutationFn: () => campaignApi.prepare(id, built!.mapping!, settingsPayload(settings)),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('campaigns.prepared') });
      refresh();
    },
  });
  const saveSettings = useMutation({
    mutationFn: () => campaignApi.updateSettings(id, settingsPayload(settings)),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('common.saved') });
      refresh();
    },
  });
  const transition = useMutation({
    mutationFn: (action: CampaignAction) => campaignApi.transition(id, action),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => campaignApi.remove(id),
    onSuccess: () => {
      refresh();
      onDeleted();
    },
  });
  const download = useMutation({ mutationFn: () => campaignApi.downloadResults(id, `${campaign.name}-results.xlsx`) });
  const failure = prepare.error ?? saveSettings.error ?? transition.error ?? remove.error ?? download.error;

  return (
    <Card withBorder p="sm" data-testid="campaign-detail" data-status={status}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={5}>{campaign.name}</Title>
            <Badge color={statusColor[status]} data-testid="campaign-status">
              {t(`campaigns.statuses.${status}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {campaign.originalName}
            </Text>
          </Group>
          <Group gap="xs">
            {canRun && status === 'ready' && (
              <Button
                size="xs"
                color="green"
                leftSection={<Play size={14} />}
                onClick={() => transition.mutate('start')}
                loading={transition.isPending}
                data-testid="campaign-start"
              >
                {t('campaigns.start')}
              </Button>
            )}
            {canRun && status === 'running' && (
              <Button
                size="xs"
                color="yellow"
                leftSection={<Pause size={14} />}
                onClick={() => transition.mutate('pause')}
                data-testid="campaign-pause"
              >
                {t('campaigns.pause')}
              </Button>
            )}
            {canRun && status === 'paused' && (
              <Button
                size="xs"
                color="green"
                leftSection={<Play size={14} />}
                onClick={() => transition.mutate('resume')}
                data-testid="campaign-resume"
              >
                {t('campaigns.resume')}
              </Button>
            )}
            {canRun && (status === 'ready' || live) && (
              <Button
                size="xs"
                color="red"
                variant="light"
                leftSection={<Square size={14} />}
                onClick={() => window.confirm(t('campaigns.confirmStop')) && transition.mutate('stop')}
                data-testid="campaign-stop"
              >
                {t('campaigns.stop')}
              </Button>
            )}
            {campaign.mapping && (
              <Button
                size="xs"
                variant="default"
                leftSection={<Download size={14} />}
                onClick={() => download.mutate()}
                loading={download.isPending}
                data-testid="campaign-download"
              >
                {t('campaigns.download')}
              </Button>
            )}
            {canRun && !live && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                leftSection={<Trash2 size={14} />}
                onClick={() => window.confirm(t('common.confirmDelete', { name: campaign.name })) && remove.mutate()}
                data-testid="campaign-delete"
              >
                {t('common.delete')}
              </Button>
            )}
          </Group>
        </Group>
        {failure && (
          <Alert color="red" p="xs" data-testid="campaign-error">
            {errorMessage(failure)}
          </Alert>
        )}
        <div>
          <Group justify="space-between" mb={2}>
            <Text size="xs">{t('campaigns.progress')}</Text>
            <Text size="xs" data-testid="campaign-progress-text">
              {t('campaigns.progressText', {
                finished: campaign.progress.finished,
                total: campaign.progress.total,
                percent: Math.round(campaign.progress.percent),
              })}
            </Text>
          </Group>
          <Progress.Root size="lg" data-testid="campaign-progress" data-percent={campaign.progress.percent}>
            {(['done', 'failed', 'excluded', 'active'] as const).map((key) => {
              const count = campaign.progress.byStatus[key] ?? 0;
              const share = campaign.progress.total ? (count / campaign.progress.total) * 100 : 0;
              return share > 0 ? (
                <Progress.Section key={key} value={share} color={progressColor[key]}>
                  <Progress.Label>{count}</Progress.Label>
                </Progress.Section>
              ) : null;
            })}
          </Progress.Root>
          <Group gap="sm" mt={4}>
            {Object.entries(campaign.progress.byStatus).map(([key, count]) => (
              <Text size="xs" key={key} c="dimmed">
                {t(`campaigns.contactStatuses.${key}`, { defaultValue: key })}: {count}
              </Text>
            ))}
          </Group>
        </div>
        {preparing && (
          <>
            <Title order={6}>{t('campaigns.mapping')}</Title>
            {preview.isError && <Alert color="red">{errorMessage(preview.error)}</Alert>}
            {preview.data && choices ? (
              <MappingForm
                preview={preview.data}
                choices={choices}
                onChange={setChoices}
                headerRow={headerRow}
                onHeaderRow={setHeaderRow}
                onSheet={setSheet}
                problems={built?.problems ?? []}
                disabled={!canRun}
              />
            ) : (
              !preview.isError && <Loader size="xs" />
            )}
          </>
        )}
        {(preparing || live) && (
          <>
            <Title order={6}>{t('campaigns.settings')}</Title>
            <SettingsForm value={settings} onChange={setSettings} disabled={!canRun} lockScenario={live} />
            {canRun && preparing && (
              <Group>
                <Button
                  size="xs"
                  onClick={() => prepare.mutate()}
                  loading={prepare.isPending}
                  disabled={!built?.mapping || !settings.scenarioId}
                  data-testid="campaign-prepare"
                >
                  {status === 'ready' ? t('campaigns.prepareAgain') : t('campaigns.prepare')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('campaigns.prepareHelp')}
                </Text>
              </Group>
            )}
            {canRun && live && (
              <Group>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => saveSettings.mutate()}
                  loading={saveSettings.isPending}
                  data-testid="campaign-save-settings"
                >
                  {t('campaigns.saveSettings')}
                </Button>
              </Group>
            )}
          </>
        )}
        {campaign.report && <Report report={campaign.report} />}
        {status !== 'draft' && <Results id={id} running={status === 'running'} />}
      </Stack>
    </Card>
  );
}

const progressColor = { done: 'teal', failed: 'red', excluded: 'gray', active: 'blue' } as const;

function Report({ report }: { report: NonNullable<Campaign['report']> }) {
  const { t } = useTranslation();
  const excluded = Object.entries(report.excluded).filter(([, n]) => n > 0);
  return (
    <Alert
      color={excluded.length ? 'yellow' : 'teal'}
      p="xs"
      title={t('campaigns.report')}
      data-testid="campaign-report"
    >
      <Text size="xs">
        {t('campaigns.reportSummary', { rows: report.rows, contacts: report.contacts, empty: report.emptyRows })}
      </Text>
      {excluded.map(([reason, count]) => (
        <Text size="xs" key={reason}>
          {t(`campaigns.exclusions.${reason}`, { defaultValue: reason })}: {count}
        </Text>
      ))}
      {report.problems.length > 0 && (
        <Table fz="xs" mt={4} data-testid="campaign-report-problems">
          <Table.Tbody>
            {report.problems.slice(0, 20).map((p, i) => (
              <Table.Tr key={i}>
                <Table.Td>{t('campaigns.row', { row: p.row })}</Table.Td>
                <Table.Td>{t(`campaigns.exclusions.${p.reason}`, { defaultValue: p.reason })}</Table.Td>
                <Table.Td>{p.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Alert>
  );
}

function Results({ id, running }: { id: string; running: boolean }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string>('');
  const [offset, setOffset] = useState(0);
  const interval = running ? 3000 : false;
  const stats = useQuery({
    queryKey: campaignKeys.stats(id),
    queryFn: ({ signal }) => campaignApi.stats(id, signal),
    refetchInterval: interval,
  });
  const contacts = useQuery({
    queryKey: campaignKeys.contacts(id, status || undefined, offset),
    queryFn: ({ signal }) =>
      campaignApi.contacts(id, { status: status || undefined, limit: CONTACTS_PAGE, offset }, signal),
    refetchInterval: interval,
    placeholderData: (previous) => previous,
  });
  const total = contacts.data?.total ?? 0;
  return (
    <>
      <Title order={6}>{t('campaigns.results')}</Title>
      {stats.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <ResultsChart perMinute={stats.data.perMinute} />
          <Stack gap={2} data-testid="campaign-stats">
            {Object.entries(stats.data.byResult).map(([key, count]) => (
              <Text size="xs" key={`r-${key}`}>
                {t('campaigns.resultLabel', { result: key })}: {count}
              </Text>
            ))}
            {Object.entries(stats.data.attemptsByOutcome).map(([key, count]) => (
              <Text size="xs" key={`o-${key}`} c="dimmed">
                {t('campaigns.outcomeLabel', { outcome: key })}: {count}
              </Text>
            ))}
          </Stack>
        </SimpleGrid>
      )}
      <Group justify="space-between">
        <NativeSelect
          size="xs"
          data={[
            { value: '', label: t('campaigns.allContacts') },
            ...CONTACT_STATUSES.map((s) => ({ value: s, label: t(`campaigns.contactStatuses.${s}`) })),
          ]}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setOffset(0);
          }}
          data-testid="campaign-contacts-filter"
        />
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {t('campaigns.contactsTotal', { count: total })}
          </Text>
          <Button
            size="compact-xs"
            variant="default"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - CONTACTS_PAGE))}
          >
            {t('admin.previous')}
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            disabled={offset + CONTACTS_PAGE >= total}
            onClick={() => setOffset(offset + CONTACTS_PAGE)}
          >
            {t('admin.next')}
          </Button>
        </Group>
      </Group>
      <Table striped fz="xs" data-testid="campaign-contacts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('campaigns.phone')}</Table.Th>
            <Table.Th>{t('campaigns.contactId')}</Table.Th>
            <Table.Th>{t('campaigns.status')}</Table.Th>
            <Table.Th>{t('campaigns.attempts')}</Table.Th>
            <Table.Th>{t('admin.result')}</Table.Th>
            <Table.Th>{t('campaigns.lastCause')}</Table.Th>
            <Table.Th>{t('campaigns.nextAttempt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.data?.items.map((c) => (
            <Table.Tr key={c.id} data-testid={`campaign-contact-${c.rowNumber}`}>
              <Table.Td>{c.rowNumber}</Table.Td>
              <Table.Td>{c.phone}</Table.Td>
              <Table.Td>{c.externalId}</Table.Td>
              <Table.Td>
                {t(`campaigns.contactStatuses.${c.status}`, { defaultValue: c.status })}
                {c.excludedReason
                  ? ` (${t(`campaigns.exclusions.${c.excludedReason}`, { defaultValue: c.excludedReason })})`
                  : ''}
              </Table.Td>
              <Table.Td>{c.attempts}</Table.Td>
              <Table.Td>{c.result}</Table.Td>
              <Table.Td>{c.lastCause}</Table.Td>
              <Table.Td>{c.nextAttemptAt ? new Date(c.nextAttemptAt).toLocaleString(i18n.language) : ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
