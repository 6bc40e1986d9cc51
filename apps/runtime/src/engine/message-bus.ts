import type { ScenarioMessage } from '@ivr/components';

interface Waiter {
  resolve(message: ScenarioMessage | undefined): void;
}

/**
 * Messages between running scenarios on this node: a message goes to the oldest run waiting on
 * its channel, or waits in the channel's queue for the next one (bounded, oldest dropped first).
 */
export class MessageBus {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly queues = new Map<string, ScenarioMessage[]>();

  constructor(private readonly maxQueued = 1000) {}

  send(message: ScenarioMessage): void {
    const waiting = this.waiters.get(message.channel);
    const waiter = waiting?.shift();
    if (waiting && waiting.length === 0) this.waiters.delete(message.channel);
    if (waiter) {
      waiter.resolve(message);
      return;
    }
    const queue = this.queues.get(message.channel) ?? [];
    queue.push(message);
    if (queue.length > this.maxQueued) queue.shift();
    this.queues.set(message.channel, queue);
  }

  wait(channel: string, timeoutMs: number, signal: AbortSignal): Promise<ScenarioMessage | undefined> {
    const queue = this.queues.get(channel);
    const queued = queue?.shift();
    if (queue && queue.length === 0) this.queues.delete(channel);
    if (queued) return Promise.resolve(queued);
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (message) => {
          cleanup();
          resolve(message);
        },
      };
      const remove = () => {
        const list = this.waiters.get(channel);
        const i = list?.indexOf(waiter) ?? -1;
        if (list && i >= 0) list.splice(i, 1);
        if (list && list.length === 0) this.waiters.delete(channel);
      };
      const timer = setTimeout(() => {
        remove();
        cleanup();
        resolve(undefined);
      }, timeoutMs);
      const onAbort = () => {
        remove();
        cleanup();
        reject(signal.reason);
      };
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const list = this.waiters.get(channel) ?? [];
      list.push(waiter);
      this.waiters.set(channel, list);
    });
  }

  /** Runs waiting, by channel (for health and tests). */
  waiting(): number {
    let n = 0;
    for (const list of this.waiters.values()) n += list.length;
    return n;
  }
}
