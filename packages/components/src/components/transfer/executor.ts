import type { Executor } from '../../executor.js';
import { renderHeaders, requireCall } from '../../shared/call-helpers.js';
import type { TransferParams } from './definition.js';

/** Hands the call to the switch's dialplan or to the phone (REFER); the call leaves the run. */
export const transferExecutor: Executor<TransferParams> = async (context) => {
  const { params } = context;
  await requireCall(context).transfer({
    destination: context.renderTemplate(params.destination),
    method: params.method,
    context: params.context,
    headers: renderHeaders(context, params.headers),
  });
  return { exit: 'ok' };
};
