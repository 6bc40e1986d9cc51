/**
 * The baseline: a bare exceljs streaming read of the workbook, with the same reader options as the
 * runtime's sheet reader (shared strings cached, styles and hyperlinks ignored), reading every
 * cell value of every row and nothing else. exceljs is loaded from apps/runtime, as the runtime
 * loads it. env: CAMPAIGN_BENCH_FILE, CAMPAIGN_BENCH_ROWS, CAMPAIGN_BENCH_WORK.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/report.js';
import { childInput, measured, printResult } from './measure.js';

interface StreamRow {
  number: number;
  values: unknown[];
}
interface WorkbookReaderClass {
  new (path: string, options: Record<string, string>): AsyncIterable<AsyncIterable<StreamRow>>;
}

const exceljs = createRequire(join(repoRoot(), 'apps', 'runtime', 'package.json'))('exceljs') as {
  stream: { xlsx: { WorkbookReader: WorkbookReaderClass } };
};

const { file, rows } = childInput();
const result = await measured('baseline', async () => {
  const reader = new exceljs.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let count = 0;
  let cells = 0;
  let chars = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      count += 1;
      const values = row.values;
      for (let i = 1; i < values.length; i += 1) {
        const value = values[i];
        if (value === undefined || value === null) continue;
        cells += 1;
        if (typeof value === 'string') chars += value.length;
      }
    }
  }
  // Header + data rows.
  if (count !== rows + 1) throw new Error(`baseline read ${count} rows, expected ${rows + 1}`);
  return { rows: count - 1, detail: { cells, chars } };
});
printResult(result);
