/**
 * The switch for the call benchmarks: the ESL emulator in its own process (so its CPU is not the
 * system under test's), plus the simulated callers. The parent sends `target` (where inbound
 * calls go) and `load` (calls per second for a while); each caller waits for the prompt to end,
 * presses one key after `pressDelayMs`, and the call counts as ok once the number was said and
 * the call was cleared normally.
 * env: BENCH_TIME_SCALE (simulated time per real time, default 1).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startEmulator } from '../../packages/esl-emulator/src/index.js';

const timeScale = Number(process.env.BENCH_TIME_SCALE ?? 1);
const handle = await startEmulator({
  host: '127.0.0.1',
  port: 0,
  control: false,
  timeScale,
  heartbeatSeconds: 0,
  maxSessions: 100_000,
});
const { emulator } = handle;

const said = new Set<string>();
const prompts = new Map<string, number>();
let pressDelayMs = 100;
emulator.onEvent((event) => {
  if (event.name !== 'CHANNEL_EXECUTE_COMPLETE') return;
  const uuid = event.get('Unique-ID');
  if (!uuid) return;
  const app = event.get('Application');
  if (app === 'playback' && (event.get('Application-Data') ?? '').startsWith('silence_stream://')) {
    prompts.set(uuid, (prompts.get(uuid) ?? 0) + 1);
    setTimeout(() => emulator.switch.sessions.get(uuid)?.receiveDtmf('5'), pressDelayMs * timeScale);
  } else if (app === 'say') said.add(uuid);
});

interface LoadRequest {
  type: 'load';
  rate: number;
  durationMs: number;
  pressDelayMs: number;
  /** Give up on calls still up this long after the last one was placed. */
  drainTimeoutMs: number;
}

async function load(request: LoadRequest) {
  pressDelayMs = request.pressDelayMs;
  const total = Math.round((request.rate * request.durationMs) / 1000);
  const ended: Array<Promise<void>> = [];
  const causes: Record<string, number> = {};
  let ok = 0;
  let peakActive = 0;
  const cpu0 = process.cpuUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  let placed = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * request.rate));
      while (placed < due) {
        placed++;
        const call = emulator.placeCall({ from: '79161234567', to: '100' });
        ended.push(
          call.ended().then((summary) => {
            const cause = summary?.hangupCause ?? 'unknown';
            if (said.has(call.uuid) && cause === 'NORMAL_CLEARING') ok++;
            else {
              const key = said.has(call.uuid) ? cause : `${cause} before the number was said`;
              causes[key] = 1 + (causes[key] ?? 0);
            }
            said.delete(call.uuid);
            prompts.delete(call.uuid);
          }),
        );
      }
      peakActive = Math.max(peakActive, emulator.activeCalls);
      if (placed >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const placedMs = performance.now() - started;
  const sampler = setInterval(() => (peakActive = Math.max(peakActive, emulator.activeCalls)), 50);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    Promise.all(ended).then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), request.drainTimeoutMs))),
  ]);
  clearTimeout(timer);
  clearInterval(sampler);
  const stuck = emulator.activeCalls;
  if (timedOut) {
    causes['still up at the end (hung up by the benchmark)'] = stuck;
    for (const uuid of [...emulator.switch.sessions.keys()]) emulator.hangup(uuid, 'MANAGER_REQUEST');
    await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  emulator.pruneHistory();
  return {
    placed,
    ok,
    failed: placed - ok,
    causes,
    peakActive,
    placedMs,
    totalMs: performance.now() - started,
    emulatorCpuMs: (cpu.user + cpu.system) / 1000,
    emulatorLoopDelayP99Ms: loop.percentile(99) / 1e6,
  };
}

process.on('message', (message: { type: string } & Record<string, unknown>) => {
  if (message.type === 'target') {
    emulator.setOutboundTarget({ host: '127.0.0.1', port: Number(message.port) });
    process.send?.({ type: 'targeted' });
  } else if (message.type === 'load') {
    void load(message as unknown as LoadRequest).then((result) => process.send?.({ type: 'loaded', result }));
  } else if (message.type === 'stop') {
    void handle.close().finally(() => process.exit(0));
  }
});
// The benchmark went away: do not outlive it.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', esl: handle.esl });
