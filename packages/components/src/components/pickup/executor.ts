import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { PickupParams } from './definition.js';

/** Connects this call to the one parked in the slot; resolves when that conversation ends. */
export const pickupExecutor: Executor<PickupParams> = async (context) => {
  const { params, signal } = context;
  const result = await requireCall(context).pickup(
    context.renderTemplate(params.lot),
    context.renderTemplate(params.slot),
    {
      signal,
    },
  );
  return { exit: result.outcome === 'picked' ? 'ok' : 'empty' };
};
