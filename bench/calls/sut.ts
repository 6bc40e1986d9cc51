/**
 * The measuring side of a system under test (the runtime or the baseline), run in its own process:
 * the parent sends `begin` and `end` around a load; `end` answers with this process's CPU time,
 * RSS and the probe's samples for that window.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CallProbe } from './probe.js';

export interface WindowReport {
  cpuMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  rssBaseMb: number;
  rssPeakMb: number;
  peakCalls: number;
  /** RSS at the moment of peak concurrency. */
  rssAtPeakMb: number;
  reactions: CallProbe['reactions'];
  roundTrips: CallProbe['roundTrips'];
  framesIn: number;
  bytesIn: number;
  commandsOut: number;
  /** Event-loop delay of this process over the window (ms): how long ready work waited. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  errors: string[];
}

export type SutMessage = { type: 'begin' } | { type: 'end' } | { type: 'stop' };

export function serveWindows(probe: CallProbe, errors: string[], stop: () => Promise<void>): void {
  let cpu0: NodeJS.CpuUsage | undefined;
  let rssBase = 0;
  let rssPeak = 0;
  let peakCalls = 0;
  let rssAtPeak = 0;
  let sampler: NodeJS.Timeout | undefined;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const sample = () => {
    const rss = process.memoryUsage.rss();
    rssPeak = Math.max(rssPeak, rss);
    if (probe.open >= peakCalls) {
      peakCalls = probe.open;
      rssAtPeak = rss;
    }
  };
  // The benchmark went away: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: SutMessage) => {
    if (message.type === 'begin') {
      probe.drain();
      errors.length = 0;
      // The previous window's garbage must not count as this window's baseline.
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      rssBase = process.memoryUsage.rss();
      rssPeak = rssBase;
      peakCalls = 0;
      rssAtPeak = rssBase;
      sampler = setInterval(sample, 100);
      loop.reset();
      loop.enable();
      cpu0 = process.cpuUsage();
      process.send?.({ type: 'begun' });
    } else if (message.type === 'end') {
      const cpu = process.cpuUsage(cpu0);
      clearInterval(sampler);
      loop.disable();
      sample();
      const drained = probe.drain();
      const report: WindowReport = {
        cpuMs: (cpu.user + cpu.system) / 1000,
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        rssBaseMb: rssBase / 2 ** 20,
        rssPeakMb: rssPeak / 2 ** 20,
        peakCalls: Math.max(peakCalls, drained.peakOpen),
        rssAtPeakMb: rssAtPeak / 2 ** 20,
        reactions: drained.reactions,
        roundTrips: drained.roundTrips,
        framesIn: drained.framesIn,
        bytesIn: drained.bytesIn,
        commandsOut: drained.commandsOut,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
        errors: errors.splice(0),
      };
      process.send?.({ type: 'report', report });
    } else if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
}
