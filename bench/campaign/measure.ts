/**
 * What every campaign-import child measures and prints: wall-clock and CPU time of the measured
 * work, and the process's peak resident set size, sampled and as the kernel counts it.
 */

/** One child's figures, printed as one JSON line on stdout. */
export interface ChildResult {
  role: string;
  rows: number;
  /** Wall-clock milliseconds of the measured work only (set-up excluded). */
  wallMs: number;
  /** User + system CPU milliseconds of the measured work. */
  cpuMs: number;
  /** process.resourceUsage().maxRSS at the end, in MB (kernel high-water mark of the whole process). */
  maxRssMb: number;
  /** Highest process.memoryUsage.rss() seen by a sampler every SAMPLE_MS during the work, in MB. */
  sampledPeakRssMb: number;
  /** RSS just before the measured work began (modules loaded, database open), in MB. */
  rssBeforeMb: number;
  /** Largest V8 heap used seen by the sampler, in MB. */
  peakHeapMb: number;
  /** Role-specific facts (the validation report, rows in the database...). */
  detail: Record<string, unknown>;
}

export const SAMPLE_MS = 25;
const MB = 1024 * 1024;

/** Runs `work` with a memory sampler beside it and returns the figures. */
export async function measured(
  role: string,
  work: () => Promise<{ rows: number; detail?: Record<string, unknown> }>,
): Promise<ChildResult> {
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
    const heap = process.memoryUsage().heapUsed;
    if (heap > peakHeap) peakHeap = heap;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let outcome: { rows: number; detail?: Record<string, unknown> };
  try {
    outcome = await work();
  } finally {
    clearInterval(timer);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  sample();
  return {
    role,
    rows: outcome.rows,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // maxRSS is in KiB.
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    sampledPeakRssMb: peakRss / MB,
    rssBeforeMb: rssBefore / MB,
    peakHeapMb: peakHeap / MB,
    detail: outcome.detail ?? {},
  };
}

/** The child's last act: its figures as one line, for the suite to parse. */
export function printResult(result: ChildResult): void {
  process.stdout.write(`CAMPAIGN_BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** The environment a child reads: which file, how many data rows it has. */
export function childInput(): { file: string; rows: number; work: string } {
  const file = process.env.CAMPAIGN_BENCH_FILE;
  const rows = Number(process.env.CAMPAIGN_BENCH_ROWS);
  const work = process.env.CAMPAIGN_BENCH_WORK;
  if (!file || !Number.isInteger(rows) || !work)
    throw new Error('CAMPAIGN_BENCH_FILE, CAMPAIGN_BENCH_ROWS and CAMPAIGN_BENCH_WORK must be set');
  return { file, rows, work };
}
