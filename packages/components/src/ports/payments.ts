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
  /** Detected from the number's prefix by the block (visa, mastercard, mir, amex...). */
  brand: string;
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
  /** The payment connection the block used: its callback secret (if it has one) signs the POST. */
  connection: string;
  operation: PaymentOperation;
  amount: number;
  currency: string;
  orderId?: string;
  /** The call the payment was taken on, so the call center can match the result to it. */
  callId?: string;
  /**
   * Cancelled is a result too: the call center learns the caller gave up. A failure before the
   * processor was called (no input, invalid number after every attempt) is `failed` with its code.
   */
  result: PaymentOutcome | { status: 'cancelled'; errorCode?: string };
}

export interface PaymentsPort {
  /**
   * Runs the operation on the connection's processor. A decline, a processor error and a timeout
   * are outcomes (`declined`, `failed` with an errorCode); it throws only for faults such as a
   * missing connection, never with card data in the message. It must not keep `request.card` (nor
   * any copy of its bytes) after it settles: the caller wipes the buffers right after.
   */
  process(request: PaymentRequest): Promise<PaymentOutcome>;
  /**
   * Queues the HMAC-signed JSON POST of the result; the runtime's payments module stores it,
   * retries it with back-off until a 2xx and records every attempt. Resolves once stored, not
   * once delivered; throws when it cannot be queued (a URL it must not call, no signing secret).
   */
  deliverResult(delivery: PaymentResultDelivery): Promise<void>;
}
