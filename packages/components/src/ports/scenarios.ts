import type { DialTarget } from '../shared/telephony.js';
import type { Abortable } from './common.js';

export interface SubScenarioRequest extends Abortable {
  scenario: string;
  args: Readonly<Record<string, unknown>>;
}

export interface ServiceStartRequest {
  scenario: string;
  args: Readonly<Record<string, unknown>>;
  delayMs: number;
}

export interface CallbackRequest {
  /** Templates already rendered. */
  target: DialTarget;
  /** The IVR scenario run on the answered call. */
  scenario: string;
  args: Readonly<Record<string, unknown>>;
  delayMs: number;
  attempts: number;
  retryIntervalMs: number;
  ringTimeoutMs: number;
  callerId?: { number?: string; name?: string };
  window?: { timeZone: string; days: readonly string[]; from: string; to: string };
}

export interface ScenarioMessage {
  channel: string;
  payload: Readonly<Record<string, unknown>>;
}

/**
 * Runs of other scenarios. Starts and callbacks go through the jobs module, so they survive a
 * restart; resolving means "durably queued".
 */
export interface ScenariosPort {
  /** Runs the scenario's pinned published version on this run's call (if any) and returns its return values. */
  call(request: SubScenarioRequest): Promise<{ returns: Readonly<Record<string, unknown>> }>;
  startService(request: ServiceStartRequest): Promise<{ runId: string }>;
  scheduleCallback(request: CallbackRequest): Promise<{ jobId: string }>;
  /** Delivered to runs waiting on the channel, or kept for the next one that waits. */
  send(message: ScenarioMessage): Promise<void>;
  /** Undefined when `timeoutMs` passes first. */
  wait(channel: string, timeoutMs: number, options: Abortable): Promise<ScenarioMessage | undefined>;
}
