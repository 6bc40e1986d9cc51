/**
 * Collects DTMF from the channel's DTMF events with first- and inter-digit timeouts. The digits
 * live in a byte buffer only: nothing is logged and no channel variable is set, which is what
 * secure (card data) entry needs; the buffer is wiped when the result has been copied out.
 */
import type { CollectDigitsResult } from '@ivr/components';

const KEYS = '0123456789*#ABCD';

export class DtmfCollector {
  private readonly buffer: Uint8Array;
  private count = 0;
  private terminator: string | undefined;
  private finished = false;
  /** While the prompt plays, keys count only with barge-in. */
  private prompting: boolean;
  private timer: NodeJS.Timeout | undefined;
  private waiting: { resolve: () => void; interDigitMs: number } | undefined;

  constructor(
    private readonly options: { maxDigits: number; terminators: string; bargeIn: boolean; prompting: boolean },
  ) {
    this.buffer = new Uint8Array(Math.max(1, options.maxDigits));
    this.prompting = options.prompting;
  }

  get done(): boolean {
    return this.finished;
  }

  get hasTimer(): boolean {
    return this.timer !== undefined;
  }

  push(digit: string): void {
    if (this.finished || !KEYS.includes(digit) || digit.length !== 1) return;
    if (this.prompting && !this.options.bargeIn) return;
    if (this.options.terminators.includes(digit)) {
      this.terminator = digit;
      return this.complete();
    }
    this.buffer[this.count++] = digit.charCodeAt(0);
    if (this.count >= this.options.maxDigits) return this.complete();
    if (this.waiting) this.arm(this.waiting.interDigitMs);
  }

  /** The prompt is over: from now on the timeouts run. Resolves when input is complete or timed out. */
  wait(firstDigitMs: number, interDigitMs: number, signal: AbortSignal): Promise<void> {
    this.prompting = false;
    if (this.finished) return Promise.resolve();
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.stopTimer();
        this.waiting = undefined;
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting = {
        interDigitMs,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.arm(this.count > 0 ? interDigitMs : firstDigitMs);
    });
  }

  /** Copies the result out and wipes the collector's own buffer. */
  result(secure: boolean): CollectDigitsResult {
    const terminator = this.terminator ? { terminator: this.terminator } : {};
    try {
      // A terminator alone is an answer too: `*` alone cancels a card capture.
      if (this.count === 0 && this.terminator === undefined) return { outcome: 'noinput' };
      if (secure) return { outcome: 'secure-digits', digits: this.buffer.slice(0, this.count), ...terminator };
      return {
        outcome: 'digits',
        digits: Buffer.from(this.buffer.subarray(0, this.count)).toString('latin1'),
        ...terminator,
      };
    } finally {
      this.dispose();
    }
  }

  /** Stops timers and wipes the digits (also on abort or hangup). */
  dispose(): void {
    this.finished = true;
    this.stopTimer();
    this.waiting = undefined;
    this.buffer.fill(0);
    this.count = 0;
  }

  private complete(): void {
    this.finished = true;
    this.stopTimer();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve();
  }

  private arm(ms: number): void {
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.complete();
    }, ms);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
