import type { Executor } from '../../executor.js';
import type { SmsParams } from './definition.js';

/** Sends the message; sent (with the provider's message id) or failed, whatever went wrong. */
export const smsExecutor: Executor<SmsParams> = async (ctx) => {
  const { params } = ctx;
  let reason: string;
  try {
    const to = ctx.renderTemplate(params.to).trim();
    const from = params.from !== undefined ? ctx.renderTemplate(params.from).trim() : '';
    const result = await ctx.ports.sms.send({
      connection: params.connection,
      to,
      text: ctx.renderTemplate(params.text),
      ...(from ? { from } : {}),
      waitForDelivery: params.waitForDelivery,
      timeoutMs: params.timeout * 1000,
      signal: ctx.signal,
    });
    if (result.outcome === 'sent') {
      ctx.ports.trace.note(`SMS ${result.messageId} sent`);
      return { exit: 'sent', vars: params.into ? { [params.into]: result.messageId } : {} };
    }
    reason = result.reason;
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    reason = (error as Error).message;
  }
  // The text may be personal: the log gets the reason, not the message.
  ctx.log.warn('SMS not sent', { connection: params.connection, reason });
  ctx.ports.trace.note(`SMS failed: ${reason}`);
  return { exit: 'failed', error: { code: 'sms', message: reason } };
};
