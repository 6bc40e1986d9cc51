import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { HangupParams } from './definition.js';

/** Ends the call with a cause (USER_BUSY makes the caller hear busy); the run ends with it. */
export const hangupExecutor: Executor<HangupParams> = async (context) => {
  await requireCall(context).hangup(context.params.cause);
  return { exit: 'hangup' };
};
