/** The shape every suite reports, and small measuring helpers shared by the suites. */
import { writeFileSync } from 'node:fs';

export type Status = 'pass' | 'miss' | 'info';

/** One figure with its baseline, measured in the same run. */
export interface Row {
  group: string;
  metric: string;
  unit: string;
  ours: number | null;
  /** What the baseline is (e.g. "plain zod parse"). */
  baselineName: string;
  baseline: number | null;
  /** ours / baseline. */
  ratio: number | null;
  /** The target, in words, when there is one. */
  target?: string;
  status: Status;
  note?: string;
}

export interface SuiteResult {
  suite: string;
  rows: Row[];
  notes: string[];
  /** Suites that could not run say why here. */
  skipped?: string;
}

export function row(input: Omit<Row, 'ratio' | 'status'> & { status?: Status }): Row {
  const ratio =
    input.ours !== null && input.baseline !== null && input.baseline !== 0 ? input.ours / input.baseline : null;
  return { ...input, ratio, status: input.status ?? 'info' };
}

/** A suite writes its result where the runner asked (BENCH_OUT), or to stdout. */
export function emit(result: SuiteResult): void {
  const out = process.env.BENCH_OUT;
  const text = JSON.stringify(result, null, 2);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text + '\n');
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Runs `fn` until at least `minMs` have passed and `minRuns` runs were made (after `warmup`
 * runs), and returns the median duration of one run in milliseconds.
 */
export function timeSync(fn: () => void, opts: { warmup?: number; minRuns?: number; minMs?: number } = {}): number {
  const { warmup = 3, minRuns = 5, minMs = 500 } = opts;
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export async function timeAsync(
  fn: () => Promise<void>,
  opts: { warmup?: number; minRuns?: number; minMs?: number } = {},
): Promise<number> {
  const { warmup = 2, minRuns = 5, minMs = 500 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** The workspace root: the runner sets BENCH_ROOT; suites started by hand run from the root. */
export function repoRoot(): string {
  return process.env.BENCH_ROOT ?? process.cwd();
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
