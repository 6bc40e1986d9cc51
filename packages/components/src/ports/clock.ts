import type { Abortable } from './common.js';

/** Time, injectable so tests and the designer's simulation control it. */
export interface ClockPort {
  now(): Date;
  /** Resolves after `ms`, rejects with the signal's reason on abort (and clears its timer). */
  sleep(ms: number, options: Abortable): Promise<void>;
}
