import { randomUUID } from 'node:crypto';
import type { CallRecordsService } from '../calls/call-records.service.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { CallLifecycleEvent } from '../telephony/call-lifecycle.js';

export interface CdrRetryOptions {
  /** How long a failed write is retried (the database may be away for a while). Default 5 min. */
  giveUpAfterMs: number;
  /** First and largest delay between tries. */
  minDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_RETRY: CdrRetryOptions = { giveUpAfterMs: 5 * 60_000, minDelayMs: 250, maxDelayMs: 5000 };

/**
 * Turns the telephony's lifecycle facts and the runs' outcomes into CDRs: one record per call,
 * created when it rings, completed when it ends. Writes never hold up a call. Each call's writes
 * go in order; a failed write (the database away) is retried with back-off for a while - the
 * record's id is chosen here, so a retried insert cannot make a second record.
 */
export class CdrRecorder {
  private readonly records = new Map<string, { id: string; writes: Promise<void> }>();
  private readonly retry: CdrRetryOptions;

  constructor(
    private readonly calls: CallRecordsService,
    private readonly onError: (error: unknown) => void,
    retry: Partial<CdrRetryOptions> = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  handle(event: CallLifecycleEvent): void {
    if (event.type === 'ringing') {
      const id = randomUUID();
      const insert = () =>
        this.calls
          .start(
            {
              direction: event.direction,
              caller: event.from.slice(0, 64),
              callee: event.to.slice(0, 64),
              startedAt: event.at.toISOString(),
              legs: [
                {
                  uuid: event.callId,
                  number: event.to,
                  role: event.direction === 'inbound' ? 'caller' : 'callee',
                  startedAt: event.at.toISOString(),
                },
              ],
            },
            id,
          )
          .then(
            () => undefined,
            (error: unknown) => {
              // A try whose reply was lost did insert it.
              if (!isUniqueViolation(error)) throw error;
            },
          );
      this.records.set(event.callId, { id, writes: this.retrying(insert) });
      return;
    }
    if (event.type === 'answered')
      this.then(event.callId, (id) => this.calls.update(id, { answeredAt: event.at.toISOString() }));
    if (event.type === 'ended') {
      this.then(event.callId, (id) =>
        this.calls.update(id, {
          endedAt: event.at.toISOString(),
          durationMs: event.durationMs,
          hangupCause: event.cause,
        }),
      );
      // The run's outcome may arrive just after the hangup: keep the id a little longer.
      setTimeout(() => this.records.delete(event.callId), 60_000).unref();
    }
  }

  /** The scenario a call ran and how its run ended. */
  runEnded(callId: string, run: { scenarioId: string; version: number; status: string; result?: string }): void {
    this.then(callId, (id) =>
      this.calls.update(id, {
        scenarioId: run.scenarioId,
        scenarioVersion: run.version,
        result: (run.result ?? run.status).slice(0, 32),
      }),
    );
  }

  private then(callId: string, write: (id: string) => Promise<unknown>): void {
    const record = this.records.get(callId);
    if (!record) return;
    record.writes = record.writes.then(() => this.retrying(() => write(record.id)));
  }

  /** Tries until it works or `giveUpAfterMs` passed; reports the first failure and the giving up. */
  private async retrying(write: () => Promise<unknown>): Promise<void> {
    const deadline = Date.now() + this.retry.giveUpAfterMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await write();
        return;
      } catch (error) {
        if (Date.now() >= deadline) {
          this.onError(error);
          return;
        }
        if (attempt === 0) this.onError(error);
        const delay = Math.min(this.retry.maxDelayMs, this.retry.minDelayMs * 2 ** Math.min(10, attempt));
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }
}
