/**
 * `pnpm soak`: a long, steady load through the runtime on the emulator (not part of `pnpm test`).
 *
 * SOAK_NODES runtime processes (default 2) share PostgreSQL and Redis (SOAK_POSTGRES_URL /
 * SOAK_REDIS_URL, else TEST_POSTGRES_URL / TEST_REDIS_URL) and one standalone emulator that spreads
 * the calls over them. SOAK_CALLS calls (default 2000) are placed evenly over SOAK_MINUTES (default
 * 10); each runs a short scenario (answer, count in a global variable, say, pause, hang up). Every
 * node's heap is sampled from /metrics; the floor of each window (what survives a GC) is fitted
 * with a least-squares line, and the run fails when that line grows more than SOAK_MAX_GROWTH_MB
 * (default 16 MB) over the measured span. It also fails when a call has no completed CDR.
 * The report goes to soak/results/soak-<time>.json (and .md). The run stops by itself: a hard
 * deadline of the duration plus five minutes ends it whatever happens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Cluster,
  countingScenario,
  publish,
  sleep,
  waitFor,
  type RuntimeNode,
} from '../apps/runtime/src/cluster/testing/cluster-harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const postgresUrl = env.SOAK_POSTGRES_URL ?? env.TEST_POSTGRES_URL;
const redisUrl = env.SOAK_REDIS_URL ?? env.TEST_REDIS_URL;
const calls = Number(env.SOAK_CALLS ?? 2000);
const minutes = Number(env.SOAK_MINUTES ?? 10);
const nodeCount = Number(env.SOAK_NODES ?? 2);
const maxGrowthMb = Number(env.SOAK_MAX_GROWTH_MB ?? 16);
const callSeconds = Number(env.SOAK_CALL_SECONDS ?? 2);
const sampleMs = Number(env.SOAK_SAMPLE_MS ?? 5000);

if (!postgresUrl || !redisUrl) {
  process.stderr.write(
    'soak: set SOAK_POSTGRES_URL and SOAK_REDIS_URL (or TEST_POSTGRES_URL and TEST_REDIS_URL), e.g.\n' +
      '  SOAK_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test SOAK_REDIS_URL=redis://127.0.0.1:6379 pnpm soak\n',
  );
  process.exit(2);
}

interface Sample {
  node: string;
  atMs: number;
  heapUsedBytes: number;
  rssBytes: number;
}

/** Least-squares slope (units per ms) and intercept. */
function linearFit(points: Array<{ x: number; y: number }>): { slope: number; intercept: number } {
  const n = points.length;
  if (n < 2) return { slope: 0, intercept: points[0]?.y ?? 0 };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: my - slope * mx };
}

async function metric(node: RuntimeNode, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${node.url}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').pop()) : undefined;
}

const names = Array.from({ length: nodeCount }, (_, i) => String.fromCharCode(97 + i));
const cluster = new Cluster({
  postgresUrl,
  redisUrl,
  env: { LOG_LEVEL: 'warn', GLOBALS_REFRESH_MS: '1000' },
  // The emulator keeps a bounded history: the soak counts CDRs, not the emulator's records.
  emulatorEnv: { CLUSTER_EMULATOR_KEEP_HISTORY: '500' },
});
const startedAt = new Date();
const durationMs = minutes * 60_000;
const hardDeadline = setTimeout(
  () => {
    process.stderr.write('soak: hard deadline reached, stopping\n');
    void cluster.stop().finally(() => process.exit(3));
  },
  durationMs + 5 * 60_000,
);
hardDeadline.unref();

const samples: Sample[] = [];
const failures: string[] = [];
let placed = 0;
let placeErrors = 0;
const report: Record<string, unknown> = {};

try {
  process.stdout.write(`soak: ${calls} calls over ${minutes} min on ${nodeCount} node(s)\n`);
  await cluster.prepare(names);
  const nodes: RuntimeNode[] = [];
  nodes.push(await cluster.startNode({ name: names[0]! }));
  nodes.push(...(await Promise.all(names.slice(1).map((name) => cluster.startNode({ name })))));
  await publish(nodes[0]!, countingScenario('soak', callSeconds));
  await nodes[0]!.api('POST', '/api/routes', { name: 'soak', matchType: 'prefix', pattern: '5', scenarioId: 'soak' });

  const t0 = Date.now();
  const sampler = setInterval(() => {
    for (const node of nodes)
      void Promise.all([
        metric(node, 'ivr_nodejs_heap_size_used_bytes'),
        metric(node, 'ivr_process_resident_memory_bytes'),
      ])
        .then(([heap, rss]) => {
          if (heap !== undefined)
            samples.push({ node: node.name, atMs: Date.now() - t0, heapUsedBytes: heap, rssBytes: rss ?? 0 });
        })
        .catch(() => undefined);
  }, sampleMs);

  // Evenly spaced calls; each call's number is unique so its CDR can be found.
  const gapMs = durationMs / calls;
  for (let i = 0; i < calls; i++) {
    const due = t0 + i * gapMs;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      await cluster.emulator.placeCall(`5${String(i).padStart(6, '0')}`);
      placed += 1;
    } catch {
      placeErrors += 1;
    }
    if (i % 200 === 199) process.stdout.write(`soak: ${i + 1} calls placed\n`);
  }

  // Let the last calls finish, then count CDRs.
  await waitFor('the last calls to end', async () => (await cluster.emulator.activeCalls()) === 0, 120_000, 1000).catch(
    () => failures.push('calls were still up two minutes after the last one was placed'),
  );
  clearInterval(sampler);
  const count = async () =>
    (
      await cluster.sql<{ total: string; completed: string; done: string }>(
        `SELECT count(*) AS total, count(ended_at) AS completed, count(*) FILTER (WHERE result = 'done') AS done
         FROM call_records WHERE callee LIKE '5%'`,
      )
    )[0]!;
  // CDR writes are asynchronous: give the last ones a moment.
  let cdrs = await count();
  for (let i = 0; i < 30 && Number(cdrs.completed) < placed; i++) {
    await sleep(1000);
    cdrs = await count();
  }

  // Heap trend per node: window floors after the first fifth (warm-up), fitted with a line.
  const heap: Record<string, unknown> = {};
  for (const node of nodes) {
    const mine = samples.filter((s) => s.node === node.name);
    const warm = mine.filter((s) => s.atMs >= durationMs / 5);
    const windowMs = Math.max(sampleMs * 6, durationMs / 20);
    const floors = new Map<number, number>();
    for (const s of warm) {
      const w = Math.floor(s.atMs / windowMs);
      floors.set(w, Math.min(floors.get(w) ?? Infinity, s.heapUsedBytes));
    }
    const points = [...floors].map(([w, y]) => ({ x: (w + 0.5) * windowMs, y }));
    const { slope } = linearFit(points);
    const spanMs = points.length > 1 ? points.at(-1)!.x - points[0]!.x : 0;
    const growthMb = (slope * spanMs) / 2 ** 20;
    heap[node.name] = {
      samples: mine.length,
      windows: points.length,
      firstFloorMb: points[0] ? +(points[0].y / 2 ** 20).toFixed(1) : null,
      lastFloorMb: points.at(-1) ? +(points.at(-1)!.y / 2 ** 20).toFixed(1) : null,
      slopeMbPerMinute: +((slope * 60_000) / 2 ** 20).toFixed(3),
      fittedGrowthMb: +growthMb.toFixed(2),
      maxHeapMb: +(Math.max(0, ...mine.map((s) => s.heapUsedBytes)) / 2 ** 20).toFixed(1),
      maxRssMb: +(Math.max(0, ...mine.map((s) => s.rssBytes)) / 2 ** 20).toFixed(1),
    };
    if (points.length < 3) failures.push(`${node.name}: too few heap samples (${points.length} windows)`);
    else if (growthMb > maxGrowthMb)
      failures.push(`${node.name}: heap floor grows ${growthMb.toFixed(1)} MB over the run (limit ${maxGrowthMb} MB)`);
    if (!node.running) failures.push(`${node.name} exited (${node.exitCode})`);
  }
  if (placeErrors > 0) failures.push(`${placeErrors} calls could not be placed`);
  if (Number(cdrs.total) !== placed) failures.push(`${placed} calls placed but ${cdrs.total} CDRs written`);
  if (Number(cdrs.completed) !== placed) failures.push(`${placed - Number(cdrs.completed)} CDRs never completed`);
  if (Number(cdrs.done) !== placed) failures.push(`${placed - Number(cdrs.done)} calls did not run to the end`);
  const perNode = await cluster.sql<{ updated_by: string }>('SELECT updated_by FROM global_variables');
  Object.assign(report, {
    cdrs: { total: Number(cdrs.total), completed: Number(cdrs.completed), done: Number(cdrs.done) },
    heap,
    lastGlobalWriter: perNode[0]?.updated_by ?? null,
  });
} catch (error) {
  failures.push(`soak aborted: ${(error as Error).stack ?? String(error)}`);
} finally {
  clearTimeout(hardDeadline);
  await cluster.stop().catch(() => undefined);
}

const finishedAt = new Date();
const result = {
  ok: failures.length === 0,
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  settings: { calls, minutes, nodes: nodeCount, callSeconds, sampleMs, maxGrowthMb },
  placed,
  ...report,
  failures,
  samples,
};
const dir = join(HERE, 'results');
mkdirSync(dir, { recursive: true });
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
writeFileSync(join(dir, `soak-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
const summary = [
  `# Soak ${startedAt.toISOString()}`,
  '',
  `${result.ok ? 'PASS' : 'FAIL'}: ${placed} calls over ${minutes} min on ${nodeCount} node(s)`,
  '',
  '```json',
  JSON.stringify({ cdrs: report.cdrs, heap: report.heap }, null, 2),
  '```',
  '',
  ...failures.map((f) => `- ${f}`),
  '',
].join('\n');
writeFileSync(join(dir, `soak-${stamp}.md`), summary);
process.stdout.write(`${summary}\nsoak: report in soak/results/soak-${stamp}.json\n`);
process.exit(result.ok ? 0 : 1);
