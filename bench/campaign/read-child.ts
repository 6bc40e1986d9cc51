/**
 * Informational: the runtime's sheet reader alone (readSheet: exceljs streaming read, formula and
 * merged-cell checks, cells made plain), no validation and no database, to split the import's cost
 * between reading the sheet and the rest. env: CAMPAIGN_BENCH_FILE, CAMPAIGN_BENCH_ROWS, CAMPAIGN_BENCH_WORK.
 */
import { readSheet, type ReadStats } from '../../apps/runtime/src/campaigns/sheet-reader.js';
import { childInput, measured, printResult } from './measure.js';

const { file, rows } = childInput();
const result = await measured('read', async () => {
  const stats: ReadStats = { rows: 0, sheets: [] };
  let cells = 0;
  for await (const row of readSheet({ path: file, format: 'xlsx', maxRows: rows + 10 }, stats)) {
    for (const cell of row.cells) if (cell !== null) cells += 1;
  }
  if (stats.rows !== rows + 1) throw new Error(`readSheet read ${stats.rows} rows, expected ${rows + 1}`);
  return { rows: stats.rows - 1, detail: { cells } };
});
printResult(result);
