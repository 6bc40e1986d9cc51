import type { Executor } from '../../executor.js';
import { renderCallerId, renderHeaders, renderTarget } from '../../shared/call-helpers.js';
import type { DialParams } from './definition.js';

/** From a service scenario: places a call; once answered it is this run's call from the next step on. */
export const dialExecutor: Executor<DialParams> = async (context) => {
  const { params, ports, signal } = context;
  const callerId = renderCallerId(context, params.callerId);
  const result = await ports.switch.originate({
    target: renderTarget(context, params.target),
    ringTimeoutMs: params.ringTimeout * 1000,
    ...(callerId ? { callerId } : {}),
    headers: renderHeaders(context, params.headers),
    attachToRun: true,
    signal,
  });
  if (result.outcome !== 'answered') {
    context.ports.trace.note(`dial ${result.outcome}`, { cause: result.cause });
    return { exit: result.outcome };
  }
  return { exit: 'answered', ...(params.into ? { vars: { [params.into]: result.callId } } : {}) };
};
