/**
 * Conventions shared by every port:
 * - durations are milliseconds here (`...Ms`), while component params are seconds: executors convert;
 * - every operation that waits takes an AbortSignal and rejects with the signal's reason when it
 *   fires (hangup, step timeout), after releasing what it started (media, timers, listeners);
 * - expected outcomes (busy, declined, HTTP 500, empty slot) are values, not exceptions; a port
 *   throws only for faults (connection lost, bad configuration), which executors map to `error`.
 */
export interface Abortable {
  signal: AbortSignal;
}

/** A port operation bounded in time: the port gives up after `timeoutMs` (its own outcome, not an abort). */
export interface TimeBounded {
  timeoutMs: number;
}
