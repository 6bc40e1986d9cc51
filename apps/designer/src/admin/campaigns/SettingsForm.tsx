import { Chip, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { scenarioApi, scenarioKeys } from '../../api/scenarioApi';
import type { CampaignSettings } from './campaignApi';
import { WEEKDAYS } from './campaignSettings';

type RetryOutcome = 'busy' | 'noanswer' | 'failed';
const RETRIES: RetryOutcome[] = ['busy', 'noanswer', 'failed'];

/** Scenario, pacing, calling window and retries of a campaign. */
export function SettingsForm({
  value,
  onChange,
  disabled,
  lockScenario,
}: {
  value: CampaignSettings;
  onChange(next: CampaignSettings): void;
  disabled?: boolean;
  /** A running campaign keeps its scenario and mode. */
  lockScenario?: boolean;
}) {
  const { t } = useTranslation();
  const scenarios = useQuery({
    queryKey: scenarioKeys.list(''),
    queryFn: ({ signal }) => scenarioApi.list('', signal),
  });
  const set = <K extends keyof CampaignSettings>(key: K, v: CampaignSettings[K]) => onChange({ ...value, [key]: v });
  const window = value.windows[0] ?? { days: [...WEEKDAYS], from: '09:00', to: '21:00' };
  const setWindow = (change: Partial<typeof window>) =>
    set('windows', [{ ...window, ...change }, ...value.windows.slice(1)]);
  const num = (v: string | number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  // The IVR mode runs a call scenario (main or ivr) on the answered leg; the service mode a service one.
  const fits = (kind: string) => (value.mode === 'service' ? kind === 'service' : kind !== 'service');
  const options = (scenarios.data ?? [])
    .filter((s) => fits(s.kind) || s.id === value.scenarioId)
    .map((s) => ({
      value: s.id,
      label: `${s.name} (${s.id})${s.liveVersion === null ? ` · ${t('scenarios.notPublished')}` : ''}`,
    }));

  return (
    <Stack gap="xs" data-testid="campaign-settings">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <NativeSelect
          size="xs"
          label={t('campaigns.mode')}
          data={[
            { value: 'ivr', label: t('campaigns.modes.ivr') },
            { value: 'service', label: t('campaigns.modes.service') },
          ]}
          value={value.mode}
          onChange={(e) => set('mode', e.currentTarget.value as CampaignSettings['mode'])}
          disabled={disabled || lockScenario}
          data-testid="campaign-mode"
        />
        <NativeSelect
          size="xs"
          label={t('admin.scenario')}
          data={[{ value: '', label: t('campaigns.chooseScenario') }, ...options]}
          value={value.scenarioId}
          onChange={(e) => set('scenarioId', e.currentTarget.value)}
          disabled={disabled || lockScenario}
          error={!value.scenarioId ? t('campaigns.scenarioRequired') : undefined}
          data-testid="campaign-scenario"
        />
        <TextInput
          size="xs"
          label={t('campaigns.callerId')}
          value={value.callerId ?? ''}
          onChange={(e) => set('callerId', e.currentTarget.value)}
          disabled={disabled}
          data-testid="campaign-caller-id"
        />
        <NumberInput
          size="xs"
          label={t('campaigns.concurrency')}
          min={1}
          max={1000}
          value={value.concurrency}
          onChange={(v) => set('concurrency', num(v, 1))}
          disabled={disabled}
          data-testid="campaign-concurrency"
        />
        <NumberInput
          size="xs"
          label={t('campaigns.cps')}
          min={0.01}
          max={200}
          step={0.5}
          decimalScale={2}
          value={value.callsPerSecond}
          onChange={(v) => set('callsPerSecond', num(v, 1))}
          disabled={disabled}
          data-testid="campaign-cps"
        />
        <NumberInput
          size="xs"
          label={t('campaigns.ringTimeout')}
          min={5}
          max={600}
          value={value.ringTimeoutSeconds}
          onChange={(v) => set('ringTimeoutSeconds', num(v, 30))}
          disabled={disabled}
          data-testid="campaign-ring-timeout"
        />
        <TextInput
          size="xs"
          label={t('admin.timeZone')}
          value={value.timeZone}
          onChange={(e) => set('timeZone', e.currentTarget.value)}
          disabled={disabled}
          data-testid="campaign-time-zone"
        />
        <TextInput
          size="xs"
          type="time"
          label={t('campaigns.windowFrom')}
          value={window.from}
          onChange={(e) => setWindow({ from: e.currentTarget.value })}
          disabled={disabled}
          data-testid="campaign-window-from"
        />
        <TextInput
          size="xs"
          type="time"
          label={t('campaigns.windowTo')}
          value={window.to}
          onChange={(e) => setWindow({ to: e.currentTarget.value })}
          disabled={disabled}
          data-testid="campaign-window-to"
        />
      </SimpleGrid>
      <div>
        <Text size="xs" fw={500} mb={2}>
          {t('campaigns.days')}
        </Text>
        <Chip.Group
          multiple
          value={window.days}
          onChange={(days) => setWindow({ days: WEEKDAYS.filter((d) => days.includes(d)) })}
        >
          <Group gap={4}>
            {WEEKDAYS.map((day) => (
              <Chip key={day} value={day} size="xs" disabled={disabled} data-testid={`campaign-day-${day}`}>
                {t(`campaigns.weekdays.${day}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
        <NumberInput
          size="xs"
          label={t('campaigns.maxAttempts')}
          min={1}
          max={20}
          value={value.maxAttempts}
          onChange={(v) => set('maxAttempts', num(v, 1))}
          disabled={disabled}
          data-testid="campaign-max-attempts"
        />
        {RETRIES.map((outcome) => (
          <NumberInput
            key={outcome}
            size="xs"
            label={t(`campaigns.retry.${outcome}`)}
            min={0}
            max={43200}
            value={value.retry[outcome] === undefined ? '' : Math.round(value.retry[outcome] / 60)}
            onChange={(v) => {
              const retry = { ...value.retry };
              if (typeof v === 'number') retry[outcome] = Math.round(v * 60);
              else delete retry[outcome];
              set('retry', retry);
            }}
            disabled={disabled}
            data-testid={`campaign-retry-${outcome}`}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
