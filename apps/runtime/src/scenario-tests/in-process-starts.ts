import { randomUUID } from 'node:crypto';
import type { CallbackRequest, ServiceStartRequest } from '@ivr/components';
import type { DurableStarts, RunResult, ScenarioEngine } from '../engine/engine.js';
import type { TelephonyService } from '../telephony/telephony-service.js';

export interface StartedRun {
  scenario: string;
  args: Readonly<Record<string, unknown>>;
  /** Set when the run has ended. */
  result?: RunResult;
}

export interface ScheduledCallback {
  to: string;
  scenario: string;
  /** pending until dialed; called: answered and its scenario ran; deferred: outside its window; failed: never answered. */
  status: 'pending' | 'called' | 'deferred' | 'failed';
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Is the moment inside a callback's calling window (days and from-to in its time zone)? */
export function insideWindow(moment: Date, window: NonNullable<CallbackRequest['window']>): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: window.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').slice(0, 3).toLowerCase();
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  const clock = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  const [from, to] = [clock(window.from), clock(window.to)];
  const dayOk = window.days.length === 0 || window.days.includes(day) || !WEEKDAYS.includes(day);
  const timeOk = from <= to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  return dayOk && timeOk;
}

/**
 * What the jobs module does for a run in production, done in this process for a scenario test case:
 * service starts run on the engine after their (scaled) delay, and callbacks dial, then run their
 * IVR scenario on the answered leg. Everything started is kept for the case's expectations.
 */
export class InProcessStarts implements DurableStarts {
  readonly runs: StartedRun[] = [];
  readonly callbacks: ScheduledCallback[] = [];
  private engine: ScenarioEngine | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closing = new AbortController();

  constructor(
    private readonly options: {
      telephony: TelephonyService;
      /** Simulated time per real time: delays and retry intervals are scaled like the emulator's clock. */
      timeScale: number;
      clock: { now(): Date };
    },
  ) {}

  /** The engine is built with this object as its starts; it is handed back once built. */
  attach(engine: ScenarioEngine): void {
    this.engine = engine;
  }

  async startService(request: ServiceStartRequest): Promise<{ runId: string }> {
    const runId = randomUUID();
    const entry: StartedRun = { scenario: request.scenario, args: request.args };
    this.runs.push(entry);
    this.later(request.delayMs, async () => {
      entry.result = await this.requireEngine().run({ scenarioId: request.scenario, args: request.args, runId });
    });
    return { runId };
  }

  async scheduleCallback(request: CallbackRequest): Promise<{ jobId: string }> {
    const jobId = randomUUID();
    const entry: ScheduledCallback = { to: request.target.value, scenario: request.scenario, status: 'pending' };
    this.callbacks.push(entry);
    if (request.window && !insideWindow(this.options.clock.now(), request.window)) {
      // The jobs module would wait for the window to open: hours away, beyond any test case.
      entry.status = 'deferred';
      return { jobId };
    }
    this.later(request.delayMs, () => this.dialBack(request, entry));
    return { jobId };
  }

  /** A run of a call that reached the runtime during the case (another caller's), kept like a started one. */
  track(scenario: string, args: Readonly<Record<string, unknown>>, running: Promise<RunResult>): void {
    const entry: StartedRun = { scenario, args };
    this.runs.push(entry);
    this.hold(running.then((result) => (entry.result = result)));
  }

  /** Resolves when nothing started is pending any more (including what those runs started). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closing.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async dialBack(request: CallbackRequest, entry: ScheduledCallback): Promise<void> {
    const { telephony, timeScale } = this.options;
    for (let attempt = 1; attempt <= request.attempts; attempt++) {
      if (this.closing.signal.aborted) return;
      const outcome = await telephony.switchPort.originate({
        target: request.target,
        ringTimeoutMs: request.ringTimeoutMs,
        headers: {},
        attachToRun: true,
        signal: this.closing.signal,
        ...(request.callerId ? { callerId: request.callerId } : {}),
      });
      if (outcome.outcome === 'answered') {
        const taken = telephony.takeOriginatedLeg(outcome.callId);
        if (!taken) break;
        entry.status = 'called';
        const run: StartedRun = { scenario: request.scenario, args: request.args };
        this.runs.push(run);
        try {
          run.result = await this.requireEngine().run({
            scenarioId: request.scenario,
            args: request.args,
            call: taken.leg,
          });
        } finally {
          await taken.end().catch(() => undefined);
        }
        return;
      }
      if (attempt < request.attempts) await sleep(request.retryIntervalMs * timeScale, this.closing.signal);
    }
    entry.status = 'failed';
  }

  private later(delayMs: number, work: () => Promise<void>): void {
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        work().then(resolve, resolve);
      }, delayMs * this.options.timeScale);
      this.timers.add(timer);
      this.closing.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    this.hold(done);
  }

  private hold(promise: Promise<unknown>): void {
    const held = promise.catch(() => undefined).finally(() => this.pending.delete(held));
    this.pending.add(held);
  }

  private requireEngine(): ScenarioEngine {
    if (!this.engine) throw new Error('the starts are not attached to an engine');
    return this.engine;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
