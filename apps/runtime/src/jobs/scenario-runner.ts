import type { DialTarget } from '@ivr/components';
import type { CallLeg, RunResult } from '../engine/index.js';

export interface ScenarioRunRequest {
  scenarioId: string;
  args: Readonly<Record<string, unknown>>;
  /** The answered leg an IVR scenario runs on (callbacks, IVR campaigns). */
  call?: CallLeg;
  runId?: string;
  signal?: AbortSignal;
}

/** What the jobs need from a finished run. The engine's RunResult fits. */
export type ScenarioRunOutcome = Pick<RunResult, 'status' | 'returns'> &
  Partial<Pick<RunResult, 'result' | 'reason' | 'runId' | 'callId'>>;

/**
 * Runs a scenario to its end. The lead connects it to the engine:
 * `(request) => engine.run({ scenarioId, args, call, runId })`.
 */
export type ScenarioRunner = (request: ScenarioRunRequest) => Promise<ScenarioRunOutcome>;

export interface DialRequest {
  target: DialTarget;
  ringTimeoutMs: number;
  callerId?: { number?: string; name?: string };
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

export type DialOutcome =
  { outcome: 'answered'; callId: string; call: CallLeg } | { outcome: 'busy' | 'noanswer' | 'failed'; cause: string };

/**
 * Places a call and, when answered, hands back its leg for a scenario. The lead connects it to
 * telephony: `switch.originate({ ..., attachToRun: true })` then `legs.claim(callId)`.
 */
export interface OutboundDialer {
  dial(request: DialRequest): Promise<DialOutcome>;
}

/** The runtime parts the jobs and campaigns drive. */
export interface JobsConnections {
  runner: ScenarioRunner;
  dialer: OutboundDialer;
}

export const JOBS_CONNECTIONS = Symbol('JOBS_CONNECTIONS');
export const JOBS_CLOCK = Symbol('JOBS_CLOCK');

/** Used until the lead connects the engine and telephony: every run fails with this reason. */
export const unconnected: JobsConnections = {
  runner: async () => {
    throw new Error('no scenario runner is connected to the jobs module');
  },
  dialer: {
    dial: async () => {
      throw new Error('no dialer is connected to the jobs module');
    },
  },
};
