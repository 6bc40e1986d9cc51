/**
 * The runtime on the emulator over TCP (loopback), against a hand-written modesl program doing the
 * same call flow. Each system under test runs in its own process with its own emulator process;
 * both are measured at each rate in turn (runtime, then baseline), so load from elsewhere on the
 * machine falls on both alike.
 * Profile A: answer, 3 s prompt, one digit, SQL lookup on SQLite, say a number, hang up, at each
 * of BENCH_RATES new calls per second for BENCH_LOAD_SECONDS. Profile B: 60 s prompts held at
 * BENCH_B_CALLS concurrent calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child } from '../calls/child.js';
import type { WindowReport } from '../calls/sut.js';
import { emit, percentile, round, row, type Row, type Status } from '../lib/report.js';

const buildDir = process.env.BENCH_BUILD_DIR!;
const RATES = (process.env.BENCH_RATES ?? '10,25,50,100').split(',').map(Number);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const B_CALLS = Number(process.env.BENCH_B_CALLS ?? 2000);
const B_RATE = Number(process.env.BENCH_B_RATE ?? 100);
const B_TIME_SCALE = Number(process.env.BENCH_B_TIME_SCALE ?? 0.5);
const PROFILE_B = process.env.BENCH_PROFILE_B !== '0';
const PRESS_DELAY_MS = 100;

type Kind = 'runtime' | 'baseline';
const SUT_FILE: Record<Kind, string> = { runtime: 'runtime-sut.mjs', baseline: 'modesl-sut.mjs' };

interface LoadResult {
  placed: number;
  ok: number;
  failed: number;
  causes: Record<string, number>;
  peakActive: number;
  placedMs: number;
  totalMs: number;
  emulatorCpuMs: number;
  emulatorLoopDelayP99Ms: number;
}

interface Pair {
  kind: Kind;
  emulator: Child;
  sut: Child;
}

const work = mkdtempSync(join(tmpdir(), 'ivr-bench-calls-'));
/** Every child started, so that a failure stops them all. */
const children = new Set<Child>();

async function startPair(kind: Kind, promptMs: number, timeScale: number): Promise<Pair> {
  const emulator = new Child(`emulator for ${kind}`, join(buildDir, 'emulator-child.mjs'), {
    BENCH_TIME_SCALE: String(timeScale),
  });
  children.add(emulator);
  const ready = await emulator.receive('ready', 60_000);
  const esl = ready.esl as { host: string; port: number; password: string };
  const sut = new Child(kind, join(buildDir, SUT_FILE[kind]), {
    BENCH_ESL: `${esl.host}:${esl.port}:${esl.password}`,
    BENCH_PROMPT_MS: String(promptMs),
    BENCH_WORK: work,
  });
  children.add(sut);
  const { port } = await sut.receive('ready', 60_000);
  await emulator.request({ type: 'target', port }, 'targeted');
  return { kind, emulator, sut };
}

async function stopPair(pair: Pair): Promise<void> {
  await pair.sut.stop();
  await pair.emulator.stop();
}

async function runLoad(
  pair: Pair,
  rate: number,
  calls: number,
  drainTimeoutMs: number,
): Promise<{ load: LoadResult; report: WindowReport }> {
  await pair.sut.request({ type: 'begin' }, 'begun');
  const durationMs = (calls / rate) * 1000;
  const loaded = await pair.emulator.request(
    { type: 'load', rate, durationMs, pressDelayMs: PRESS_DELAY_MS, drainTimeoutMs },
    'loaded',
    durationMs + drainTimeoutMs + 30_000,
  );
  const { report } = await pair.sut.request({ type: 'end' }, 'report');
  return { load: loaded.result as LoadResult, report: report as WindowReport };
}

interface Figures {
  cpuPerCallMs: number;
  rssPerCallKb: number;
  reactionP50: number;
  reactionP99: number;
  rttP50: number;
  rttP99: number;
  peakCalls: number;
  kibInPerCall: number;
  errors: number;
  detail: string;
}

function figures(run: { load: LoadResult; report: WindowReport }): Figures {
  const { load, report } = run;
  const reactions = report.reactions.map((r) => r.ms).sort((a, b) => a - b);
  const rtts = report.roundTrips.map((r) => r.ms).sort((a, b) => a - b);
  const rttByApp = new Map<string, number[]>();
  for (const r of report.roundTrips) rttByApp.set(r.app, [...(rttByApp.get(r.app) ?? []), r.ms]);
  const rttApps = [...rttByApp]
    .map(([app, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return `${app} p50 ${round(percentile(sorted, 50), 2)} / p99 ${round(percentile(sorted, 99), 2)} ms`;
    })
    .join('; ');
  const byKind = new Map<string, number[]>();
  for (const r of report.reactions) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.ms]);
  const kinds = [...byKind]
    .map(([kind, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return `${kind} p50 ${round(percentile(sorted, 50), 2)} / p99 ${round(percentile(sorted, 99), 2)} ms`;
    })
    .join('; ');
  const causes = Object.entries(load.causes)
    .map(([cause, n]) => `${n} ${cause}`)
    .join(', ');
  const errors = load.failed + report.errors.length;
  return {
    cpuPerCallMs: report.cpuMs / Math.max(1, load.placed),
    rssPerCallKb: report.peakCalls > 0 ? ((report.rssAtPeakMb - report.rssBaseMb) * 1024) / report.peakCalls : NaN,
    reactionP50: percentile(reactions, 50),
    reactionP99: percentile(reactions, 99),
    rttP50: percentile(rtts, 50),
    rttP99: percentile(rtts, 99),
    peakCalls: report.peakCalls,
    kibInPerCall: report.bytesIn / 1024 / Math.max(1, load.placed),
    errors,
    detail:
      `CPU ${round(report.cpuUserMs / Math.max(1, load.placed), 2)} user + ${round(report.cpuSystemMs / Math.max(1, load.placed), 2)} system ms/call; ` +
      `per call ${round(report.framesIn / Math.max(1, load.placed), 1)} frames (${round(report.bytesIn / 1024 / Math.max(1, load.placed), 1)} KiB) in, ${round(report.commandsOut / Math.max(1, load.placed), 1)} commands out; ` +
      `${load.ok}/${load.placed} calls ok${causes ? ` (${causes})` : ''}, ${report.errors.length} errors logged` +
      `${report.errors.length ? ` (first: ${report.errors[0]!.slice(0, 160)})` : ''}; peak ${report.peakCalls} concurrent; ` +
      `RSS ${round(report.rssBaseMb, 1)} -> ${round(report.rssAtPeakMb, 1)} MB at peak; ${reactions.length} reactions (${kinds}); ` +
      `${rtts.length} round trips (${rttApps}); event-loop delay p99 ${round(report.loopDelayP99Ms, 1)} ms (max ${round(report.loopDelayMaxMs, 1)}); ` +
      `emulator CPU ${round(load.emulatorCpuMs / Math.max(1, load.placed), 2)} ms/call (${round((load.emulatorCpuMs / load.totalMs) * 100, 0)}% of a core over the load), its event-loop delay p99 ${round(load.emulatorLoopDelayP99Ms, 1)} ms`,
  };
}

const pass = (ok: boolean): Status => (ok ? 'pass' : 'miss');
const rows: Row[] = [];
const notes: string[] = [];

function addRows(label: string, ours: Figures, base: Figures | undefined, targets: { reactionP99?: number } = {}) {
  const g = 'Runtime on the emulator';
  const baselineName = 'modesl program, same flow, default socket settings';
  const b = (f: (x: Figures) => number) => (base ? round(f(base), 3) : null);
  const cpuRatio = base ? ours.cpuPerCallMs / base.cpuPerCallMs : NaN;
  rows.push(
    row({
      group: g,
      metric: `${label}: CPU per call`,
      unit: 'ms',
      ours: round(ours.cpuPerCallMs, 3),
      baselineName,
      baseline: b((x) => x.cpuPerCallMs),
      target: '<= 1.3x baseline',
      ...(base ? { status: pass(cpuRatio <= 1.3) } : {}),
    }),
    row({
      group: g,
      metric: `${label}: event data received per call`,
      unit: 'KiB',
      ours: round(ours.kibInPerCall, 1),
      baselineName,
      baseline: b((x) => x.kibInPerCall),
    }),
    row({
      group: g,
      metric: `${label}: RSS per concurrent call`,
      unit: 'KiB',
      ours: round(ours.rssPerCallKb, 1),
      baselineName,
      baseline: b((x) => x.rssPerCallKb),
    }),
    row({
      group: g,
      metric: `${label}: reaction p50`,
      unit: 'ms',
      ours: round(ours.reactionP50, 3),
      baselineName,
      baseline: b((x) => x.reactionP50),
    }),
    row({
      group: g,
      metric: `${label}: reaction p99`,
      unit: 'ms',
      ours: round(ours.reactionP99, 3),
      baselineName,
      baseline: b((x) => x.reactionP99),
      ...(targets.reactionP99 !== undefined
        ? { target: `< ${targets.reactionP99} ms`, status: pass(ours.reactionP99 < targets.reactionP99) }
        : {}),
    }),
    row({
      group: g,
      metric: `${label}: command round trip p50`,
      unit: 'ms',
      ours: round(ours.rttP50, 3),
      baselineName,
      baseline: b((x) => x.rttP50),
      target: '< 2 ms',
      status: pass(ours.rttP50 < 2),
    }),
    row({
      group: g,
      metric: `${label}: command round trip p99`,
      unit: 'ms',
      ours: round(ours.rttP99, 3),
      baselineName,
      baseline: b((x) => x.rttP99),
    }),
    row({
      group: g,
      metric: `${label}: failed calls + errors`,
      unit: 'count',
      ours: ours.errors,
      baselineName,
      baseline: base ? base.errors : null,
      ...(label.startsWith('B') ? { target: '0', status: pass(ours.errors === 0) } : {}),
    }),
  );
  notes.push(`${label}, runtime: ${ours.detail}.`);
  if (base) notes.push(`${label}, baseline: ${base.detail}.`);
}

const kinds: Kind[] = (process.env.BENCH_SUTS ?? 'runtime,baseline').split(',') as Kind[];
try {
  // Profile A.
  const pairs = new Map<Kind, Pair>();
  for (const kind of kinds) pairs.set(kind, await startPair(kind, 3_000, 1));
  for (const pair of pairs.values()) await runLoad(pair, 10, 20, 15_000); // warm-up, not reported
  for (const [index, rate] of RATES.entries()) {
    const calls = Math.round(rate * LOAD_SECONDS);
    const measured = new Map<Kind, Figures>();
    // Alternate which system goes first, so that a change in the machine's load does not always
    // fall on the same one.
    const order = index % 2 === 0 ? [...pairs] : [...pairs].reverse();
    for (const [kind, pair] of order) {
      process.stderr.write(`[calls] profile A ${kind} at ${rate} calls/s\n`);
      measured.set(kind, figures(await runLoad(pair, rate, calls, 20_000)));
    }
    const ours = measured.get('runtime');
    if (ours) addRows(`A @ ${rate} calls/s`, ours, measured.get('baseline'), rate <= 50 ? { reactionP99: 5 } : {});
  }
  for (const pair of pairs.values()) await stopPair(pair);

  // Profile B: 60 s prompts (simulated; BENCH_B_TIME_SCALE real seconds per second), ramped up at
  // B_RATE calls/s to B_CALLS concurrent calls; each call then finishes the same flow.
  if (PROFILE_B) {
    const measured = new Map<Kind, Figures>();
    for (const kind of RATES.length % 2 === 0 ? kinds : [...kinds].reverse()) {
      process.stderr.write(`[calls] profile B ${kind}: ${B_CALLS} calls\n`);
      const pair = await startPair(kind, 60_000, B_TIME_SCALE);
      try {
        measured.set(kind, figures(await runLoad(pair, B_RATE, B_CALLS, 60_000 * B_TIME_SCALE + 30_000)));
      } finally {
        await stopPair(pair);
      }
    }
    const ours = measured.get('runtime');
    if (ours) {
      addRows(`B: ${B_CALLS} x 60 s prompt`, ours, measured.get('baseline'), { reactionP99: 20 });
      rows.push(
        row({
          group: 'Runtime on the emulator',
          metric: `B: concurrent calls held`,
          unit: 'calls',
          ours: ours.peakCalls,
          baselineName: 'modesl program, same flow, default socket settings',
          baseline: measured.get('baseline')?.peakCalls ?? null,
          target: `>= ${B_CALLS}`,
          status: pass(ours.peakCalls >= B_CALLS),
        }),
      );
    }
    notes.push(
      `Profile B runs the emulator at time scale ${B_TIME_SCALE} (a 60 s prompt plays in ${60 * B_TIME_SCALE} s), ramps up ${B_CALLS} calls at ${B_RATE} calls/s so that all are up at once, and lets each finish the flow (digit, SQL, say, hang up).`,
    );
  }
} finally {
  await Promise.all([...children].map((child) => child.stop()));
  rmSync(work, { recursive: true, force: true });
}

notes.push(
  'The runtime and the baseline are measured one after the other at each rate, alternating which goes first; each has its own emulator process. Event-loop delay (perf_hooks, 10 ms resolution) shows how long ready work waited in each process: when it is high in the emulator, the round trips wait for the emulator, not for the system under test.',
  `Profile A: ${LOAD_SECONDS} s of new calls at each rate on emulator time scale 1 (the 3 s prompt plays in 3 s; say takes the emulator's ~2 s), the caller presses one key ${PRESS_DELAY_MS} ms after the prompt ends; one warm-up load of 20 calls per system first.`,
  'CPU per call: CPU time (user + system) of the system-under-test process over the load window (first call placed to last call ended) / calls placed. RSS per concurrent call: (RSS at peak concurrency - RSS before the load) / peak concurrent calls (one 100 ms sample grid, GC timing makes it rough).',
  'Reaction: a step-ending event (CHANNEL_EXECUTE_COMPLETE of answer or say, the DTMF) enters the process -> the next sendmsg is written (timed on the socket itself: data listener prepended ahead of the ESL library, write() wrapped). Round trip: a sendmsg execute is written -> its CHANNEL_EXECUTE enters the process. Both systems carry the same probe.',
  'The runtime side is TelephonyService + ScenarioEngine + SqlAdapter (SQLite) as the scenario-test harness wires them, without Nest, CDR or trace persistence; the outbound server is reached through a private field only to attach the probe.',
);
emit({ suite: 'calls', rows, notes });
