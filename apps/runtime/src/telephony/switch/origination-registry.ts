/**
 * Originated legs come back through `&socket(...)` carrying `ivr_origination_id`: this registry
 * hands each one to the originate waiting for it, then keeps it until the run that asked for it
 * takes it (or gives it up after a while).
 */
import type { EslCallPort } from '../call/esl-call-port.js';

/** The channel variable that ties an originated leg to the originate that placed it. */
export const ORIGINATION_VARIABLE = 'ivr_origination_id';

interface Claimable {
  port: EslCallPort;
  claimed: (taken: boolean) => void;
  timer: NodeJS.Timeout;
}

export class OriginationRegistry {
  private readonly waiting = new Map<string, (port: EslCallPort) => void>();
  private readonly claimable = new Map<string, Claimable>();

  constructor(private readonly claimTimeoutMs = 30_000) {}

  /** Registers an originate before it is sent, so a fast leg cannot arrive unexpected. */
  expect(originationId: string): {
    arrived(timeoutMs: number, signal: AbortSignal): Promise<EslCallPort>;
    cancel(): void;
  } {
    let deliver!: (port: EslCallPort) => void;
    const arrived = new Promise<EslCallPort>((resolve) => (deliver = resolve));
    this.waiting.set(originationId, deliver);
    return {
      arrived: (timeoutMs, signal) =>
        new Promise<EslCallPort>((resolve, reject) => {
          const finish = (error?: unknown, port?: EslCallPort) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            if (port) resolve(port);
            else reject(error);
          };
          const onAbort = () => finish(signal.reason);
          const timer = setTimeout(
            () => finish(new Error(`the answered leg did not reach the runtime within ${timeoutMs} ms`)),
            timeoutMs,
          );
          signal.addEventListener('abort', onAbort, { once: true });
          void arrived.then((port) => finish(undefined, port));
        }),
      cancel: () => {
        if (this.waiting.get(originationId) === deliver) this.waiting.delete(originationId);
      },
    };
  }

  /**
   * A leg with an origination id connected. Resolves true when its owner took it (the caller
   * then waits for the owner to finish it), false when nobody wanted it (hang it up).
   */
  deliver(originationId: string, port: EslCallPort): Promise<boolean> {
    const waiter = this.waiting.get(originationId);
    if (!waiter) return Promise.resolve(false);
    this.waiting.delete(originationId);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.claimable.delete(port.id);
        resolve(false);
      }, this.claimTimeoutMs);
      this.claimable.set(port.id, { port, timer, claimed: resolve });
      waiter(port);
    });
  }

  /** The run that originated the call takes its leg. */
  take(callId: string): EslCallPort | undefined {
    const entry = this.claimable.get(callId);
    if (!entry) return undefined;
    this.claimable.delete(callId);
    clearTimeout(entry.timer);
    entry.claimed(true);
    return entry.port;
  }

  get pendingOriginations(): number {
    return this.waiting.size;
  }

  /** Drops every unclaimed leg (shutdown). */
  clear(): void {
    for (const entry of this.claimable.values()) {
      clearTimeout(entry.timer);
      entry.claimed(false);
    }
    this.claimable.clear();
    this.waiting.clear();
  }
}
