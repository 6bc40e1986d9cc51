import type { ExecutionContext, Executor } from '../../executor.js';
import type { SheetRef, SheetRow } from '../../ports/excel.js';
import type { ExcelReadParams } from './definition.js';

/** The workbook, sheet and header row named by params shared by Excel read and write. */
export function sheetOf(
  ctx: ExecutionContext<{ file: string; sheet?: string | undefined; headerRow: number }>,
): SheetRef {
  const { params } = ctx;
  return {
    file: ctx.renderTemplate(params.file).trim(),
    ...(params.sheet ? { sheet: params.sheet } : {}),
    headerRow: params.headerRow,
  };
}

/** Copies the mapped cells of a row into variables; a column the row lacks gives null. */
export function rowVariables(row: SheetRow, map: Readonly<Record<string, string>>, rowInto?: string) {
  const vars: Record<string, unknown> = {};
  for (const [column, variable] of Object.entries(map)) vars[variable] = row.cells[column] ?? null;
  if (rowInto) vars[rowInto] = row.row;
  return vars;
}

/**
 * Finds a row by a column value, or claims the next row whose result column is empty (marking it,
 * so parallel runs never take the same row). ok with the row's cells in variables, empty when no
 * row fits, error when the file cannot be read.
 */
export const excelReadExecutor: Executor<ExcelReadParams> = async (ctx) => {
  const { params } = ctx;
  let row: SheetRow | undefined;
  try {
    const sheet = sheetOf(ctx);
    if (params.mode === 'find') {
      const match = params.match!;
      row = await ctx.ports.excel.findRow(sheet, match.column, ctx.renderTemplate(match.value), { signal: ctx.signal });
    } else {
      const claim = ctx.renderTemplate(params.claimWith);
      row = await ctx.ports.excel.claimNextRow(sheet, params.resultColumn!, claim, { signal: ctx.signal });
    }
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const message = (error as Error).message;
    ctx.log.warn('Excel read failed', { error: message });
    ctx.ports.trace.note(`Excel error: ${message}`);
    return { exit: 'error', error: { code: 'excel', message } };
  }
  if (!row) return { exit: 'empty' };
  ctx.ports.trace.note(`row ${row.row}`);
  return { exit: 'ok', vars: rowVariables(row, params.map, params.rowInto) };
};
