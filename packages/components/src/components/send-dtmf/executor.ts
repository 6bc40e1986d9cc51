import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { SendDtmfParams } from './definition.js';

const DTMF = /^[0-9A-Da-d*#wW]*$/;

export const sendDtmfExecutor: Executor<SendDtmfParams> = async (context) => {
  const digits = context.renderTemplate(context.params.digits);
  if (!DTMF.test(digits)) throw new Error(`"${digits}" is not a DTMF string (0-9, A-D, *, #, w for a pause)`);
  await requireCall(context).sendDtmf(digits, context.params.toneDuration * 1000);
  return { exit: 'ok' };
};
