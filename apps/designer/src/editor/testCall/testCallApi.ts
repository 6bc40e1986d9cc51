import { api } from '../../api/apiClient';
import { readToken } from '../../auth/session';
import type { TraceStep } from './liveCall';

export type EndpointOutcome = 'answer' | 'busy' | 'noanswer' | 'decline' | 'unreachable' | 'fail';

export interface EndpointBehaviour {
  number: string;
  outcome: EndpointOutcome;
  afterSeconds?: number;
  hangupAfterSeconds?: number;
  pressDigits?: string;
}

export interface TestCallRequest {
  scenarioId: string;
  version: number | 'draft';
  from: string;
  to: string;
  headers: Record<string, string>;
}

export interface TestCasesResult {
  file: string;
  cases: Array<{ name: string; passed: boolean; failures: string[]; durationMs: number }>;
  error?: string;
}

const enc = encodeURIComponent;

export const testCallApi = {
  place: (request: TestCallRequest) => api.post<{ callId: string }>('/test-calls', request),
  press: (callId: string, digits: string) => api.post<void>(`/test-calls/${enc(callId)}/dtmf`, { digits }),
  hangup: (callId: string) => api.post<void>(`/test-calls/${enc(callId)}/hangup`),
  history: (callId: string) => api.get<Record<string, unknown>>(`/test-calls/${enc(callId)}`),
  endpoint: (behaviour: EndpointBehaviour) => api.put<void>('/test-calls/endpoints', behaviour),
  callSteps: (callId: string, signal?: AbortSignal) => api.get<TraceStep[]>(`/calls/${enc(callId)}/steps`, signal),
  runCases: (test: string) => api.post<TestCasesResult>('/test-calls/cases', { test }),
  runSteps: (runId: string, signal?: AbortSignal) => api.get<TraceStep[]>(`/runs/${enc(runId)}/steps`, signal),
};

/** The live stream's address: same origin (the dev server proxies it), the session token in the query. */
export function liveSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/live?token=${enc(readToken() ?? '')}`;
}
