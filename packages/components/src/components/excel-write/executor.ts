import type { ExecutionContext, Executor, ExecutionResult } from '../../executor.js';
import { sheetOf } from '../excel-read/executor.js';
import type { ExcelWriteParams } from './definition.js';

/**
 * Sets cells of a row (by number, or the first row matching) or appends a row. ok when written,
 * empty when the row to update does not exist, error when the file cannot be written.
 */
export const excelWriteExecutor: Executor<ExcelWriteParams> = async (ctx) => {
  try {
    return await write(ctx);
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const message = (error as Error).message;
    ctx.log.warn('Excel write failed', { error: message });
    ctx.ports.trace.note(`Excel error: ${message}`);
    return { exit: 'error', error: { code: 'excel', message } };
  }
};

async function write(ctx: ExecutionContext<ExcelWriteParams>): Promise<ExecutionResult> {
  const { params } = ctx;
  const { excel } = ctx.ports;
  const options = { signal: ctx.signal };
  const sheet = sheetOf(ctx);
  const cells: Record<string, string> = {};
  for (const [column, value] of Object.entries(params.cells)) cells[column] = ctx.renderTemplate(value);
  const rowVars = (row: number) => (params.rowInto ? { [params.rowInto]: row } : {});

  if (params.mode === 'append') {
    const row = await excel.appendRow(sheet, cells, options);
    return { exit: 'ok', vars: rowVars(row) };
  }

  let row: number | undefined;
  if (params.row !== undefined) {
    const value = Number(ctx.evaluate(params.row));
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`row ${params.row} is ${String(value)}, not a row number`);
    row = value;
  } else {
    const match = params.match!;
    row = (await excel.findRow(sheet, match.column, ctx.renderTemplate(match.value), options))?.row;
  }
  if (row === undefined || !(await excel.updateRow(sheet, row, cells, options))) return { exit: 'empty' };
  return { exit: 'ok', vars: rowVars(row) };
}
