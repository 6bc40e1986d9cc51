import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { ParkParams } from './definition.js';

/** Parks the call in the first free slot of the range (announced to the caller) until picked up or timed out. */
export const parkExecutor: Executor<ParkParams> = async (context) => {
  const { params, signal } = context;
  if (params.lastSlot < params.firstSlot) throw new Error('the last slot comes before the first');
  const result = await requireCall(context).park({
    lot: context.renderTemplate(params.lot),
    firstSlot: params.firstSlot,
    lastSlot: params.lastSlot,
    announce: params.announce,
    timeoutMs: params.timeout * 1000,
    onTimeout: params.onTimeout,
    signal,
  });
  if (result.outcome === 'full') throw new Error(`every slot from ${params.firstSlot} to ${params.lastSlot} is taken`);
  const vars = params.into ? { [params.into]: result.slot } : undefined;
  return { exit: result.outcome, ...(vars ? { vars } : {}) };
};
