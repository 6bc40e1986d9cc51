/**
 * Where the payment result callbacks and each of their attempts are kept. The in-memory store
 * serves tests and a single node without a database; a database store (the lead's) implements
 * the same interface so that pending callbacks survive a restart and several nodes share them.
 * Nothing card-related is stored: the body is the result payload (status, token, last four...).
 */

export type CallbackState = 'pending' | 'delivered' | 'abandoned';

export interface CallbackDelivery {
  /** Also sent as X-IVR-Delivery-Id and as `id` in the body: receivers deduplicate by it. */
  id: string;
  url: string;
  /** The payment connection: its callbackSecret signs the POST, if it has one. */
  connection: string;
  /** The JSON payload, exactly as signed and sent. */
  body: string;
  createdAt: Date;
  state: CallbackState;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due (for a claimed delivery: when its lease runs out). */
  nextAttemptAt: Date;
  deliveredAt?: Date;
  lastError?: string;
}

export interface CallbackAttempt {
  deliveryId: string;
  /** 1 for the first. */
  attempt: number;
  startedAt: Date;
  durationMs: number;
  /** The receiver's HTTP status, when it answered. */
  httpStatus?: number;
  /** Why it failed (network code, timeout, HTTP status, configuration), when it did. */
  error?: string;
  /** What followed: delivered (2xx), another attempt later, or given up. */
  outcome: 'delivered' | 'retry' | 'abandoned';
}

/** The delivery's state after an attempt. */
export interface CallbackUpdate {
  state: CallbackState;
  nextAttemptAt: Date;
  deliveredAt?: Date;
  lastError?: string;
}

export interface PaymentCallbackStore {
  add(delivery: CallbackDelivery): Promise<void>;
  /**
   * Pending deliveries due at `now` (nextAttemptAt <= now), oldest first, at most `limit`. Claiming
   * moves their nextAttemptAt to `leaseUntil`, atomically, so no other node (or loop turn) sends
   * them meanwhile; a node that dies mid-attempt leaves them due again when the lease ends.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<CallbackDelivery[]>;
  /** Records one attempt and the delivery's new state together. */
  recordAttempt(attempt: CallbackAttempt, update: CallbackUpdate): Promise<void>;
  /** The earliest nextAttemptAt among pending deliveries (to sleep until then). */
  nextDueAt(): Promise<Date | undefined>;
  get(id: string): Promise<CallbackDelivery | undefined>;
  attempts(id: string): Promise<CallbackAttempt[]>;
}

export class InMemoryPaymentCallbackStore implements PaymentCallbackStore {
  private readonly deliveries = new Map<string, CallbackDelivery>();
  private readonly attemptsById = new Map<string, CallbackAttempt[]>();

  async add(delivery: CallbackDelivery): Promise<void> {
    if (this.deliveries.has(delivery.id)) throw new Error(`callback ${delivery.id} is already stored`);
    this.deliveries.set(delivery.id, { ...delivery });
    this.attemptsById.set(delivery.id, []);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<CallbackDelivery[]> {
    const due = [...this.deliveries.values()]
      .filter((d) => d.state === 'pending' && d.nextAttemptAt.getTime() <= now.getTime())
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    for (const delivery of due) delivery.nextAttemptAt = leaseUntil;
    return due.map((d) => ({ ...d }));
  }

  async recordAttempt(attempt: CallbackAttempt, update: CallbackUpdate): Promise<void> {
    const delivery = this.deliveries.get(attempt.deliveryId);
    if (!delivery) throw new Error(`no callback ${attempt.deliveryId}`);
    this.attemptsById.get(attempt.deliveryId)!.push({ ...attempt });
    delivery.attempts = Math.max(delivery.attempts, attempt.attempt);
    delivery.state = update.state;
    delivery.nextAttemptAt = update.nextAttemptAt;
    if (update.deliveredAt) delivery.deliveredAt = update.deliveredAt;
    if (update.lastError !== undefined) delivery.lastError = update.lastError;
  }

  async nextDueAt(): Promise<Date | undefined> {
    let next: Date | undefined;
    for (const delivery of this.deliveries.values()) {
      if (delivery.state === 'pending' && (!next || delivery.nextAttemptAt < next)) next = delivery.nextAttemptAt;
    }
    return next;
  }

  async get(id: string): Promise<CallbackDelivery | undefined> {
    const delivery = this.deliveries.get(id);
    return delivery ? { ...delivery } : undefined;
  }

  async attempts(id: string): Promise<CallbackAttempt[]> {
    return (this.attemptsById.get(id) ?? []).map((a) => ({ ...a }));
  }
}
