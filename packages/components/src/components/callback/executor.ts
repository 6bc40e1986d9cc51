import type { Executor } from '../../executor.js';
import { renderCallerId, renderTarget } from '../../shared/call-helpers.js';
import { evaluateMap } from '../../shared/evaluate-map.js';
import type { CallbackParams } from './definition.js';

/** Schedules a call back (durably, through the jobs module) that runs an IVR scenario when answered. */
export const callbackExecutor: Executor<CallbackParams> = async (context) => {
  const { params, ports } = context;
  const callerId = renderCallerId(context, params.callerId);
  const { jobId } = await ports.scenarios.scheduleCallback({
    target: renderTarget(context, params.target),
    scenario: params.scenario,
    args: evaluateMap(context, params.args),
    delayMs: params.delay * 1000,
    attempts: params.attempts,
    retryIntervalMs: params.retryInterval * 1000,
    ringTimeoutMs: params.ringTimeout * 1000,
    ...(callerId ? { callerId } : {}),
    ...(params.window ? { window: params.window } : {}),
  });
  return { exit: 'ok', ...(params.into ? { vars: { [params.into]: jobId } } : {}) };
};
