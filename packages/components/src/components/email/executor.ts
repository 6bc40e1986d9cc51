import type { Executor } from '../../executor.js';
import type { EmailParams } from './definition.js';

/** `a@x.org, b@y.org; c@z.org` -> three addresses. */
export function addressList(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[,;]/)
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
}

/** Sends the e-mail; sent or failed, whatever went wrong (a missing attachment included). */
export const emailExecutor: Executor<EmailParams> = async (ctx) => {
  const { params } = ctx;
  let reason: string;
  try {
    const render = (text: string | undefined) => (text === undefined ? undefined : ctx.renderTemplate(text));
    const to = addressList(render(params.to));
    if (to.length === 0) throw new Error('no recipient: "to" is empty once rendered');
    const from = render(params.from)?.trim();
    const attachment = render(params.attachment)?.trim();
    const result = await ctx.ports.mail.send({
      connection: params.connection,
      to,
      cc: addressList(render(params.cc)),
      bcc: addressList(render(params.bcc)),
      ...(from ? { from } : {}),
      subject: ctx.renderTemplate(params.subject),
      body: ctx.renderTemplate(params.body),
      html: params.html,
      attachments: attachment ? [attachment] : [],
      signal: ctx.signal,
    });
    if (result.outcome === 'sent') {
      ctx.ports.trace.note(`e-mail ${result.messageId} sent`);
      return { exit: 'sent' };
    }
    reason = result.reason;
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    reason = (error as Error).message;
  }
  ctx.log.warn('e-mail not sent', { connection: params.connection, reason });
  ctx.ports.trace.note(`e-mail failed: ${reason}`);
  return { exit: 'failed', error: { code: 'email', message: reason } };
};
