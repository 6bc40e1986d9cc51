/**
 * The generic processor connector: one JSON POST per payment attempt, fields placed where the
 * connection's mapping says, the API key in the auth header, the attempt's idempotency key in its
 * header (resends after a network error or a 5xx reuse it, so the processor charges once), all
 * within the processor timeout. Card digits go from the caller's buffers into the body buffer
 * (card-body.ts) and the body is wiped when the request is over; so is the processor's answer.
 */
import type { PaymentOutcome, PaymentRequest } from '@ivr/components';
import { ConnectionConfigError } from '../integrations/connection-resolver.js';
import { buildSecretJson, SecretDigits, type BodyObject, type BodyValue } from './card-body.js';
import { isLoopbackHost, postBuffer, type PostResult } from './http-post.js';
import type { HttpsJsonSettings, PaymentSecrets } from './payment-connection.js';

/** What turns a payment request into the processor's outcome; one per connection driver. */
export interface PaymentConnector {
  /** Never throws for a processor's answer or silence (those are outcomes); never quotes card data. */
  process(request: PaymentRequest): Promise<PaymentOutcome>;
}

/** Currencies whose minor unit is not the cent (ISO 4217 exponents other than 2). */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0,
  XAF: 0, XOF: 0, XPF: 0, BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
}; // prettier-ignore

export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** (MINOR_DIGITS[currency] ?? 2));
}

export class HttpsJsonConnector implements PaymentConnector {
  private readonly url: URL;

  constructor(
    private readonly settings: HttpsJsonSettings,
    private readonly secrets: PaymentSecrets,
  ) {
    this.url = new URL(settings.url);
    if (this.url.protocol !== 'https:' && !(this.url.protocol === 'http:' && isLoopbackHost(this.url.hostname))) {
      throw new ConnectionConfigError('a payment processor URL must be https:// (http:// only to this machine)');
    }
  }

  async process(request: PaymentRequest): Promise<PaymentOutcome> {
    const { settings } = this;
    const timeoutMs = Math.min(request.timeoutMs, (settings.timeoutSeconds ?? Infinity) * 1000);
    const deadline = Date.now() + timeoutMs;
    const body = buildSecretJson(this.document(request));
    const headers: Record<string, string> = {
      ...settings.headers,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': 'ivr-studio-payments/1',
      [settings.idempotencyHeader]: request.idempotencyKey,
    };
    if (this.secrets.apiKey) {
      headers[settings.authHeader] = settings.authScheme
        ? `${settings.authScheme} ${this.secrets.apiKey}`
        : this.secrets.apiKey;
    }
    let result: PostResult = { outcome: 'timeout' };
    try {
      for (let attempt = 0; attempt <= settings.retries; attempt += 1) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          result = { outcome: 'timeout' };
          break;
        }
        result = await postBuffer({ url: this.url, headers, body, timeoutMs: remaining, signal: request.signal });
        const retryable = result.outcome === 'network-error' || (result.outcome === 'response' && result.status >= 500);
        if (!retryable) break;
      }
      return this.outcome(result);
    } finally {
      body.fill(0);
      if (result.outcome === 'response') result.body.fill(0);
    }
  }

  /** The request as the processor's JSON, card fields as SecretDigits (never strings). */
  private document(request: PaymentRequest): BodyObject {
    const { settings } = this;
    const fields = settings.request;
    const document: BodyObject = {};
    const put = (at: string, value: BodyValue | undefined) => {
      if (value !== undefined) setPath(document, at, value);
    };
    put(fields.operation, settings.operations[request.operation] ?? request.operation);
    put(fields.amount, settings.amountIn === 'minor' ? toMinorUnits(request.amount, request.currency) : request.amount);
    put(fields.currency, request.currency);
    put(fields.orderId, request.orderId);
    put(fields.tokenId, request.tokenId);
    put(fields.description, request.description);
    put(fields.merchantId, settings.merchantId);
    put(fields.cardNumber, new SecretDigits(request.card.number));
    put(fields.expiryMonth, request.card.expiryMonth);
    put(fields.expiryYear, request.card.expiryYear);
    put(fields.brand, request.card.brand);
    if (request.card.securityCode) put(fields.securityCode, new SecretDigits(request.card.securityCode));
    return document;
  }

  private outcome(result: PostResult): PaymentOutcome {
    if (result.outcome === 'timeout') return { status: 'failed', errorCode: 'timeout' };
    if (result.outcome === 'network-error') return { status: 'failed', errorCode: 'unreachable' };
    let answer: unknown;
    try {
      answer = JSON.parse(result.body.toString('utf8'));
    } catch {
      answer = undefined;
    }
    const fields = this.settings.response;
    const read = (at: string) => {
      const value = getPath(answer, at);
      return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 128) : undefined;
    };
    const statusValue = read(fields.status)?.toLowerCase();
    const is = (values: string[]) => statusValue !== undefined && values.some((v) => v.toLowerCase() === statusValue);
    const extra = {
      ...optional('token', read(fields.token)),
      ...optional('authCode', read(fields.authCode)),
      ...optional('reference', read(fields.reference)),
    };
    if (is(this.settings.approvedValues)) return { status: 'approved', ...extra };
    if (is(this.settings.declinedValues)) {
      return { status: 'declined', ...extra, errorCode: read(fields.errorCode) ?? 'declined' };
    }
    const ok = result.status >= 200 && result.status < 300;
    return {
      status: 'failed',
      ...extra,
      errorCode: read(fields.errorCode) ?? (ok ? 'unexpected-response' : `http-${result.status}`),
    };
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function setPath(target: BodyObject, path: string, value: BodyValue): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (
      next === undefined ||
      next === null ||
      typeof next !== 'object' ||
      Array.isArray(next) ||
      next instanceof SecretDigits
    ) {
      node[key] = {};
    }
    node = node[key] as BodyObject;
  }
  node[keys[keys.length - 1]!] = value;
}

function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
