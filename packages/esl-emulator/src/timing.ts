/** Simulated time: every duration the switch waits is scaled by `timeScale` (1 = real time). */
export class Clock {
  constructor(readonly timeScale: number) {}

  /** Resolves after `ms` simulated milliseconds, or early (with false) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    const real = Math.max(0, ms * this.timeScale);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, real);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A timer in simulated milliseconds; returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const timer = setTimeout(fn, Math.max(0, ms * this.timeScale));
    return () => clearTimeout(timer);
  }
}

/** The next macrotask: lets replies written now reach the socket before the events that follow them. */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
