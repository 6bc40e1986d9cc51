import type { Abortable } from './common.js';

export interface MailRequest extends Abortable {
  connection: string;
  to: readonly string[];
  cc: readonly string[];
  bcc: readonly string[];
  from?: string;
  subject: string;
  body: string;
  html: boolean;
  /** Names in the runtime's file store (e.g. a recording). */
  attachments: readonly string[];
}

export type MailResult = { outcome: 'sent'; messageId: string } | { outcome: 'failed'; reason: string };

/** E-mail through a named SMTP connection. */
export interface MailPort {
  send(request: MailRequest): Promise<MailResult>;
}
