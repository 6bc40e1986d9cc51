import type { CampaignSettings, CampaignStatus } from './campaignApi';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The runtime's defaults, for a campaign not prepared yet. */
export function defaultSettings(): CampaignSettings {
  return {
    mode: 'ivr',
    scenarioId: '',
    concurrency: 5,
    callsPerSecond: 1,
    ringTimeoutSeconds: 30,
    timeZone: 'UTC',
    windows: [{ days: [...WEEKDAYS], from: '09:00', to: '21:00' }],
    holidays: [],
    maxAttempts: 3,
    retry: { busy: 300, noanswer: 900, failed: 1800 },
  };
}

/** What is sent: empty optional texts left out (the runtime rejects an empty caller id). */
export function settingsPayload(settings: CampaignSettings): CampaignSettings {
  const out: CampaignSettings = { ...settings };
  if (!out.callerId?.trim()) delete out.callerId;
  else out.callerId = out.callerId.trim();
  if (!out.gateway?.trim()) delete out.gateway;
  else out.gateway = out.gateway.trim();
  return out;
}

export const statusColor: Record<CampaignStatus, string> = {
  draft: 'gray',
  ready: 'blue',
  running: 'green',
  paused: 'yellow',
  stopped: 'red',
  completed: 'teal',
};
