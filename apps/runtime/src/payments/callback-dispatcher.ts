/**
 * Sends the payment results to the call center's callback URL: a JSON POST, HMAC-SHA256 signed
 * (callback-signature.ts), retried with exponential back-off until the receiver answers 2xx or the
 * attempts run out, every attempt recorded in the store. A delivery answered 2xx is marked
 * delivered in the same store write as its attempt and is never claimed again, so a receiver that
 * was down and comes back gets the result once; each POST also carries the delivery id, for a
 * receiver to deduplicate the rare resend after an answer lost on the way back.
 */
import { randomUUID } from 'node:crypto';
import type { PaymentResultDelivery } from '@ivr/components';
import { ConnectionConfigError } from '../integrations/connection-resolver.js';
import { hostRefusal, type HostRules } from '../integrations/http/host-policy.js';
import type { CallbackDelivery, PaymentCallbackStore } from './callback-store.js';
import { DELIVERY_ATTEMPT_HEADER, DELIVERY_ID_HEADER, SIGNATURE_HEADER, signCallback } from './callback-signature.js';
import { postBuffer } from './http-post.js';

/** The subset of a pino logger the payments classes use (fields first, then the message). */
export interface PaymentsLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface CallbackDispatcherOptions {
  store: PaymentCallbackStore;
  /** The secret that signs a delivery made for this payment connection; undefined when there is none. */
  secretFor(connection: string): Promise<string | undefined>;
  log: PaymentsLogger;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  pollIntervalMs: number;
  hosts: HostRules;
  /** Deliveries sent in parallel per loop turn. */
  batchSize?: number;
  now?: () => Date;
}

/** The JSON body of a callback. Built from the result fields only: there is no card field to fill. */
export interface PaymentCallbackPayload {
  id: string;
  type: 'payment.result';
  createdAt: string;
  orderId?: string;
  operation: string;
  amount: number;
  currency: string;
  callId?: string;
  status: string;
  token?: string;
  last4?: string;
  brand?: string;
  authCode?: string;
  reference?: string;
  errorCode?: string;
}

export function callbackPayload(id: string, createdAt: Date, delivery: PaymentResultDelivery): PaymentCallbackPayload {
  const result = delivery.result as Partial<Record<string, unknown>>;
  const text = (key: string) => {
    const value = result[key];
    return typeof value === 'string' && value !== '' ? { [key]: value.slice(0, 256) } : {};
  };
  return {
    id,
    type: 'payment.result',
    createdAt: createdAt.toISOString(),
    ...(delivery.orderId !== undefined ? { orderId: delivery.orderId } : {}),
    operation: delivery.operation,
    amount: delivery.amount,
    currency: delivery.currency,
    ...(delivery.callId !== undefined ? { callId: delivery.callId } : {}),
    status: delivery.result.status,
    ...text('token'),
    ...text('last4'),
    ...text('brand'),
    ...text('authCode'),
    ...text('reference'),
    ...text('errorCode'),
  };
}

export class PaymentCallbackDispatcher {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private turn: Promise<void> | undefined;
  private again = false;
  private readonly inFlight = new Set<AbortController>();
  private readonly now: () => Date;

  constructor(private readonly options: CallbackDispatcherOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores the delivery (due at once) and wakes the loop; resolves with its id once stored. */
  async enqueue(delivery: PaymentResultDelivery): Promise<string> {
    let url: URL;
    try {
      url = new URL(delivery.url);
    } catch {
      throw new ConnectionConfigError('the payment callback URL is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConnectionConfigError('the payment callback URL must be http:// or https://');
    }
    const refused = hostRefusal(url.hostname, this.options.hosts, 'PAYMENT_CALLBACK_ALLOW_HOSTS / _DENY_HOSTS');
    if (refused) throw new ConnectionConfigError(`payment callback refused: ${refused}`);
    if (!(await this.options.secretFor(delivery.connection))) {
      throw new ConnectionConfigError(
        `no secret to sign payment callbacks: set PAYMENT_CALLBACK_SECRET or the callbackSecret of connection "${delivery.connection}"`,
      );
    }
    const id = randomUUID();
    const createdAt = this.now();
    await this.options.store.add({
      id,
      url: url.toString(),
      connection: delivery.connection,
      body: JSON.stringify(callbackPayload(id, createdAt, delivery)),
      createdAt,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: createdAt,
    });
    this.kick();
    return id;
  }

  /** Starts the loop (and picks up what the store had pending). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.kick();
  }

  /** Stops the loop, interrupts attempts in flight (they stay pending) and waits for the turn to end. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const controller of this.inFlight) controller.abort(new Error('the payments module is stopping'));
    while (this.turn) await this.turn;
  }

  /** Waits until the current turn (if any) is over: for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.turn) await this.turn;
  }

  private kick(): void {
    if (!this.running) return;
    if (this.turn) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.turn = this.runDue()
      .catch((error: unknown) =>
        this.options.log.error({ error: (error as Error)?.message }, 'payment callback loop failed'),
      )
      .then(() => this.scheduleNext())
      .catch(() => undefined)
      .finally(() => {
        this.turn = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async runDue(): Promise<void> {
    const batchSize = this.options.batchSize ?? 20;
    while (this.running) {
      const now = this.now();
      // The lease outlasts an attempt, so no other node takes a delivery that is being sent.
      const leaseUntil = new Date(now.getTime() + this.options.timeoutMs * 2 + 1_000);
      const due = await this.options.store.claimDue(now, leaseUntil, batchSize);
      if (due.length === 0) return;
      await Promise.all(due.map((delivery) => this.attempt(delivery)));
    }
  }

  private async scheduleNext(): Promise<void> {
    if (!this.running || this.again) return;
    const next = await this.options.store.nextDueAt();
    if (!this.running || this.again) return;
    const untilNext = next ? Math.max(0, next.getTime() - this.now().getTime()) : Infinity;
    const delay = Math.min(this.options.pollIntervalMs, untilNext);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, delay);
    // A pending callback alone must not keep the process alive at shutdown.
    this.timer.unref();
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(Math.min(maxDelayMs, delay * (0.8 + Math.random() * 0.4)));
  }

  private async attempt(delivery: CallbackDelivery): Promise<void> {
    const { log, store } = this.options;
    const attempt = delivery.attempts + 1;
    const startedAt = this.now();
    let httpStatus: number | undefined;
    let error: string | undefined;
    let interrupted = false;
    const secret = await this.options.secretFor(delivery.connection).catch(() => undefined);
    if (!secret) {
      error = 'no callback secret';
    } else {
      const body = Buffer.from(delivery.body, 'utf8');
      const controller = new AbortController();
      this.inFlight.add(controller);
      try {
        const result = await postBuffer({
          url: new URL(delivery.url),
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'ivr-studio-payments/1',
            [SIGNATURE_HEADER]: signCallback(secret, body, Math.floor(startedAt.getTime() / 1000)),
            [DELIVERY_ID_HEADER]: delivery.id,
            [DELIVERY_ATTEMPT_HEADER]: String(attempt),
          },
          body,
          timeoutMs: this.options.timeoutMs,
          signal: controller.signal,
          maxResponseBytes: 64 * 1024,
        });
        if (result.outcome === 'response') {
          httpStatus = result.status;
          if (result.status < 200 || result.status >= 300) error = `HTTP ${result.status}`;
        } else {
          error = result.outcome === 'timeout' ? `no answer within ${this.options.timeoutMs} ms` : result.code;
        }
      } catch {
        interrupted = true;
        error = 'interrupted';
      } finally {
        this.inFlight.delete(controller);
      }
    }
    const finishedAt = this.now();
    const delivered = error === undefined;
    const outcome = delivered
      ? 'delivered'
      : !interrupted && attempt >= this.options.maxAttempts
        ? 'abandoned'
        : 'retry';
    const nextAttemptAt =
      outcome === 'retry' && !interrupted ? new Date(finishedAt.getTime() + this.backoff(attempt)) : finishedAt;
    await store.recordAttempt(
      {
        deliveryId: delivery.id,
        attempt,
        startedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        ...(httpStatus !== undefined ? { httpStatus } : {}),
        ...(error !== undefined ? { error } : {}),
        outcome,
      },
      {
        state: outcome === 'delivered' ? 'delivered' : outcome === 'abandoned' ? 'abandoned' : 'pending',
        nextAttemptAt,
        ...(delivered ? { deliveredAt: finishedAt } : {}),
        ...(error !== undefined ? { lastError: error } : {}),
      },
    );
    const fields = { deliveryId: delivery.id, attempt, host: new URL(delivery.url).host, httpStatus, error };
    if (outcome === 'delivered') log.info(fields, 'payment callback delivered');
    else if (outcome === 'abandoned') log.error(fields, 'payment callback abandoned after the last attempt');
    else log.warn({ ...fields, nextAttemptAt: nextAttemptAt.toISOString() }, 'payment callback attempt failed');
  }
}
