import type { Abortable, TimeBounded } from './common.js';

export interface SmsRequest extends Abortable, TimeBounded {
  connection: string;
  to: string;
  text: string;
  from?: string;
  /** Resolve on the delivery receipt instead of the provider's acceptance. */
  waitForDelivery: boolean;
}

export type SmsResult = { outcome: 'sent'; messageId: string } | { outcome: 'failed'; reason: string };

/** SMS through a named connection (SMPP or a generic HTTP provider). */
export interface SmsPort {
  send(request: SmsRequest): Promise<SmsResult>;
}
