import type { Executor } from '../../executor.js';
import { renderCallerId, renderHeaders, renderTarget, requireCall } from '../../shared/call-helpers.js';
import type { SwitchCallParams } from './definition.js';

/** Bridges the caller to the targets; busy / no answer / failed are exits, the answered one too. */
export const switchCallExecutor: Executor<SwitchCallParams> = async (context) => {
  const { params, signal } = context;
  const call = requireCall(context);
  const callerId = renderCallerId(context, params.callerId);
  const result = await call.bridge({
    targets: params.targets.map((target) => renderTarget(context, target)),
    strategy: params.strategy,
    ringTimeoutMs: params.ringTimeout * 1000,
    ...(callerId ? { callerId } : {}),
    headers: renderHeaders(context, params.headers),
    ringback: params.ringback,
    continueAfterBridge: params.continueAfterBridge,
    signal,
  });
  if (result.outcome !== 'answered') {
    context.ports.trace.note(`bridge ${result.outcome}`, { cause: result.cause });
    return { exit: result.outcome };
  }
  context.ports.trace.note('bridged', { to: result.answeredBy, durationMs: result.durationMs });
  // Without continue-after-bridge the definition has no `answered` exit: the call ended with the
  // conversation and the engine ends the run there.
  return { exit: 'answered', ...(params.into ? { vars: { [params.into]: result.answeredBy } } : {}) };
};
