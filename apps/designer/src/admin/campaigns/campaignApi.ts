import { api, ApiError, ApiUnreachableError } from '../../api/apiClient';
import { readToken } from '../../auth/session';

export type CampaignStatus = 'draft' | 'ready' | 'running' | 'paused' | 'stopped' | 'completed';

export interface CampaignMapping {
  sheet?: string;
  headerRow: number;
  phone: string;
  id?: string;
  timeZone?: string;
  variables: Record<string, string>;
}

export interface CampaignWindow {
  days: string[];
  from: string;
  to: string;
}

export interface CampaignSettings {
  mode: 'ivr' | 'service';
  scenarioId: string;
  concurrency: number;
  callsPerSecond: number;
  ringTimeoutSeconds: number;
  callerId?: string;
  gateway?: string;
  timeZone: string;
  windows: CampaignWindow[];
  holidays: string[];
  maxAttempts: number;
  retry: Partial<Record<'busy' | 'noanswer' | 'failed' | 'rejected' | 'interrupted' | 'error', number>>;
}

export interface ValidationReport {
  rows: number;
  contacts: number;
  emptyRows: number;
  excluded: Record<string, number>;
  problems: { row: number; reason: string; value: string }[];
}

export interface Campaign {
  id: string;
  name: string;
  status: CampaignStatus;
  originalName: string;
  format: 'xlsx' | 'csv';
  mapping: CampaignMapping | null;
  settings: CampaignSettings | null;
  report: ValidationReport | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: { total: number; byStatus: Record<string, number>; finished: number; percent: number };
}

export interface SheetPreview {
  sheets: string[];
  sheet: string;
  headers: string[];
  rows: { number: number; cells: (string | number | boolean | null)[] }[];
}

export interface CampaignStats {
  id: string;
  status: CampaignStatus;
  progress: Campaign['progress'];
  byStatus: Record<string, number>;
  byResult: Record<string, number>;
  byLastCause: Record<string, number>;
  attemptsByOutcome: Record<string, number>;
  perMinute: { minute: string; attempts: number; answered: number }[];
}

export interface CampaignContact {
  id: string;
  rowNumber: number;
  phone: string;
  externalId: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastCause: string | null;
  result: string | null;
  excludedReason: string | null;
  updatedAt: string;
}

export type CampaignAction = 'start' | 'pause' | 'resume' | 'stop';

const base = (id: string) => `/campaigns/${encodeURIComponent(id)}`;

/** A request the JSON client does not make: multipart upload, file download. */
async function rawRequest(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = readToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { ...init, headers });
  } catch (error) {
    throw new ApiUnreachableError(error);
  }
  if (!response.ok) {
    const body = (response.headers.get('content-type') ?? '').includes('json')
      ? ((await response.json()) as Record<string, unknown>)
      : { message: await response.text() };
    throw new ApiError(
      response.status,
      typeof body.message === 'string' ? body.message : `HTTP ${response.status}`,
      body,
    );
  }
  return response;
}

export const campaignApi = {
  list: (signal?: AbortSignal) => api.get<Campaign[]>('/campaigns', signal),
  get: (id: string, signal?: AbortSignal) => api.get<Campaign>(base(id), signal),
  preview: (id: string, sheet: string | undefined, headerRow: number, signal?: AbortSignal) =>
    api.get<SheetPreview>(
      `${base(id)}/preview?headerRow=${headerRow}${sheet ? `&sheet=${encodeURIComponent(sheet)}` : ''}`,
      signal,
    ),
  upload: async (file: File, name: string) => {
    const form = new FormData();
    form.append('name', name);
    form.append('file', file, file.name);
    const response = await rawRequest('/campaigns', { method: 'POST', body: form });
    return (await response.json()) as { campaign: Campaign; preview: SheetPreview };
  },
  prepare: (id: string, mapping: CampaignMapping, settings: CampaignSettings) =>
    api.post<{ campaign: Campaign; report: ValidationReport }>(`${base(id)}/prepare`, { mapping, settings }),
  updateSettings: (id: string, settings: CampaignSettings) => api.put<Campaign>(`${base(id)}/settings`, settings),
  transition: (id: string, action: CampaignAction) => api.post<Campaign>(`${base(id)}/${action}`),
  contacts: (id: string, query: { status?: string; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ items: CampaignContact[]; total: number }>(
      `${base(id)}/contacts?limit=${query.limit}&offset=${query.offset}${query.status ? `&status=${query.status}` : ''}`,
      signal,
    ),
  stats: (id: string, signal?: AbortSignal) => api.get<CampaignStats>(`${base(id)}/stats`, signal),
  remove: (id: string) => api.delete<void>(base(id)),
  /** Fetches the results workbook (the token is a header, so no plain link) and saves it. */
  downloadResults: async (id: string, fallbackName: string) => {
    const response = await rawRequest(`${base(id)}/results`, { method: 'GET' });
    const disposition = response.headers.get('content-disposition') ?? '';
    const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    const fileName = match ? decodeURIComponent(match[1] ?? match[2] ?? '') : fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName || fallbackName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => ['campaigns', 'list'] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  preview: (id: string, sheet: string | undefined, headerRow: number) =>
    ['campaigns', 'preview', id, sheet ?? '', headerRow] as const,
  stats: (id: string) => ['campaigns', 'stats', id] as const,
  contacts: (id: string, status: string | undefined, offset: number) =>
    ['campaigns', 'contacts', id, status ?? '', offset] as const,
};
