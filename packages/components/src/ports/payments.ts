import type { Abortable, TimeBounded } from './common.js';

export type PaymentOperation = 'sale' | 'sale-tokenize' | 'tokenize';

/**
 * Card data as entered. Buffers, not strings: JavaScript strings cannot be wiped, buffers can. The
 * executor fills them from secure digit collection and overwrites them (fill(0)) once the
 * processor has answered, whatever the outcome.
 */
export interface CardData {
  /** ASCII digits of the card number. */
  number: Uint8Array;
  expiryMonth: number;
  /** Four digits. */
  expiryYear: number;
  /** ASCII digits; absent when the block does not ask for it. */
  securityCode?: Uint8Array;
}

export interface PaymentRequest extends Abortable, TimeBounded {
  connection: string;
  operation: PaymentOperation;
  /** In major units (12.50); 0 for tokenize. */
  amount: number;
  currency: string;
  orderId?: string;
  tokenId?: string;
  description?: string;
  /** One per attempt, so a retried request is never charged twice. */
  idempotencyKey: string;
  card: CardData;
}

/** What a payment produced. Never holds the card number or the security code. */
export interface PaymentOutcome {
  status: 'approved' | 'declined' | 'failed';
  token?: string;
  last4?: string;
  brand?: string;
  authCode?: string;
  reference?: string;
  errorCode?: string;
}

export interface PaymentResultDelivery {
  url: string;
  orderId?: string;
  /** Cancelled is a result too: the call center learns the caller gave up. */
  result: PaymentOutcome | { status: 'cancelled' };
}

export interface PaymentsPort {
  process(request: PaymentRequest): Promise<PaymentOutcome>;
  /**
   * Queues the HMAC-signed JSON POST of the result; the jobs module retries it with back-off until
   * a 2xx and records every attempt. Resolves once queued (durably), not once delivered.
   */
  deliverResult(delivery: PaymentResultDelivery): Promise<void>;
}
