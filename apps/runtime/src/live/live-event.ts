import type { StepTrace } from '../engine/trace.js';

/**
 * What live viewers receive (the designer's test-call panel, CRMs over CTI). Card data cannot be
 * in here: steps are redacted by the engine, and the switch's DTMF and digit activity is never
 * forwarded.
 */
export type LiveEvent =
  | { type: 'call.ringing'; callId: string; direction: 'inbound' | 'outbound'; from: string; to: string; at: string }
  | { type: 'call.answered'; callId: string; at: string }
  | { type: 'call.bridged'; callId: string; peerCallId?: string; peerNumber?: string; at: string }
  | { type: 'call.ended'; callId: string; cause: string; durationMs: number; at: string }
  | { type: 'run.started'; runId: string; scenarioId: string; version: number; callId?: string; parentRunId?: string }
  | { type: 'run.ended'; runId: string; scenarioId: string; status: string; reason?: string; callId?: string }
  | { type: 'node.entered'; callId?: string; step: StepTrace; exported?: Record<string, unknown> }
  /** What the caller hears or is asked for, as the switch reports it (simulated calls only). */
  | { type: 'media'; callId: string; activity: Record<string, unknown>; at: string };

export interface LiveFilter {
  callId?: string;
  runId?: string;
  scenarioId?: string;
}

export function matchesFilter(event: LiveEvent, filter: LiveFilter): boolean {
  const callId = 'callId' in event ? event.callId : undefined;
  if (filter.callId && callId !== filter.callId) return false;
  const runId = event.type === 'node.entered' ? event.step.runId : 'runId' in event ? event.runId : undefined;
  if (filter.runId && runId !== filter.runId) return false;
  const scenarioId =
    event.type === 'node.entered' ? event.step.scenarioId : 'scenarioId' in event ? event.scenarioId : undefined;
  if (filter.scenarioId && scenarioId !== filter.scenarioId) return false;
  return true;
}
