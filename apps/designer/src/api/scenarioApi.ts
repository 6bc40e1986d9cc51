import type { ScenarioDocument } from '@ivr/scenario-schema';
import { api } from './apiClient';
import type {
  Diagnostic,
  ImportResult,
  PublishedVersion,
  Sample,
  ScenarioDetail,
  ScenarioDiff,
  ScenarioSummary,
  VersionDetail,
} from './types';

const base = (id: string) => `/scenarios/${encodeURIComponent(id)}`;

export const scenarioApi = {
  list: (search: string, signal?: AbortSignal) =>
    api.get<ScenarioSummary[]>(`/scenarios${search ? `?search=${encodeURIComponent(search)}` : ''}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ScenarioDetail>(base(id), signal),
  create: (document: ScenarioDocument) => api.post<ScenarioSummary>('/scenarios', { document }),
  saveDraft: (id: string, document: ScenarioDocument, revision: number) =>
    api.put<{ revision: number }>(`${base(id)}/draft`, { document, revision }),
  validate: (id: string, document?: ScenarioDocument) =>
    api.post<{ diagnostics: Diagnostic[] }>(`${base(id)}/validate`, document ? { document } : {}),
  publish: (id: string, note: string) =>
    api.post<{ version: number; checksum: string; publishedAt: string; publishedBy: string; note: string }>(
      `${base(id)}/publish`,
      { note },
    ),
  versions: (id: string, signal?: AbortSignal) => api.get<PublishedVersion[]>(`${base(id)}/versions`, signal),
  version: (id: string, version: number) => api.get<VersionDetail>(`${base(id)}/versions/${version}`),
  diff: (id: string, from: number, to: number | 'draft') =>
    api.get<ScenarioDiff>(`${base(id)}/diff?from=${from}&to=${to}`),
  rollback: (id: string, version: number) => api.post<{ liveVersion: number }>(`${base(id)}/rollback`, { version }),
  import: (payload: { document: unknown } | { bundle: unknown }) =>
    api.post<ImportResult>('/scenarios/import', payload),
  remove: (id: string) => api.delete<void>(base(id)),
  samples: (signal?: AbortSignal) => api.get<Sample[]>('/samples', signal),
  importSample: (name: string) => api.post<ImportResult>(`/samples/${encodeURIComponent(name)}/import`),
};

export const scenarioKeys = {
  all: ['scenarios'] as const,
  list: (search: string) => ['scenarios', 'list', search] as const,
  detail: (id: string) => ['scenarios', 'detail', id] as const,
  versions: (id: string) => ['scenarios', 'versions', id] as const,
};
