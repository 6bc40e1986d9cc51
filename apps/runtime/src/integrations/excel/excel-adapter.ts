import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import type { Abortable, ColumnRef, ExcelPort, SheetRef, SheetRow } from '@ivr/components';
import type { Workbook, Worksheet } from 'exceljs';
import { errorText } from '../connection-resolver.js';
import { FileNameError, type FileStore } from '../file-store.js';
import { KeyedLock } from './keyed-lock.js';
import { cellEquals, isEmptyCell, plainValue, SheetColumns } from './sheet-columns.js';

/** The workbook is missing, broken, or lacks the sheet or column asked for. */
export class ExcelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExcelFileError';
  }
}

type ExcelJs = typeof import('exceljs');

/**
 * The ExcelPort over exceljs, on workbooks in the file store. Lookups stream the file (a large
 * sheet is never held whole); every change loads, edits and writes the workbook under a per-file
 * lock and replaces the file by rename, so parallel writers are applied one after another, none
 * is lost, and a reader never sees a half-written file. The lock is per process: one runtime node
 * owns a workbook (campaign files are not shared between nodes).
 */
export class ExcelAdapter implements ExcelPort {
  private readonly lock = new KeyedLock();
  private exceljs: Promise<ExcelJs> | undefined;

  constructor(private readonly files: FileStore) {}

  async findRow(sheet: SheetRef, column: ColumnRef, value: string, options: Abortable): Promise<SheetRow | undefined> {
    const path = await this.existing(sheet.file);
    const ExcelJS = await this.library();
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
        sharedStrings: 'cache',
        hyperlinks: 'cache',
        styles: 'ignore',
        worksheets: 'emit',
      });
      for await (const worksheet of reader) {
        const name = (worksheet as unknown as { name?: string }).name;
        // Without a sheet name the first sheet is meant; with one, the others are skipped unread.
        if (sheet.sheet !== undefined && name !== sheet.sheet) continue;
        let columns: SheetColumns | undefined = sheet.headerRow === 0 ? this.columns(new Map(), sheet) : undefined;
        let wanted: number | undefined;
        for await (const row of worksheet) {
          options.signal.throwIfAborted();
          const values = rowValues(row.values);
          if (row.number === sheet.headerRow) {
            columns = this.columns(headerTexts(values), sheet);
            continue;
          }
          if (row.number < sheet.headerRow || !columns) continue;
          wanted ??= this.column(columns, column);
          if (cellEquals(values.get(wanted), value)) return { row: row.number, cells: columns.cells(values) };
        }
        if (!columns) throw new ExcelFileError(`${where(sheet)} has no header row ${sheet.headerRow}`);
        if (wanted === undefined) this.column(columns, column);
        return undefined;
      }
    } catch (error) {
      throw this.readError(error, sheet);
    }
    throw new ExcelFileError(
      sheet.sheet !== undefined ? `no sheet "${sheet.sheet}" in "${sheet.file}"` : `"${sheet.file}" has no sheet`,
    );
  }

  claimNextRow(
    sheet: SheetRef,
    resultColumn: ColumnRef,
    claimWith: string,
    options: Abortable,
  ): Promise<SheetRow | undefined> {
    return this.change(sheet, options, (worksheet, columns) => {
      const result = this.column(columns, resultColumn);
      for (let n = sheet.headerRow + 1; n <= worksheet.rowCount; n += 1) {
        const row = worksheet.getRow(n);
        const values = rowValues(row.values);
        // A row with nothing but formatting is not a contact.
        const hasData = [...values].some(([c, v]) => c !== result && !isEmptyCell(v));
        if (!hasData || !isEmptyCell(values.get(result))) continue;
        row.getCell(result).value = claimWith;
        values.set(result, claimWith);
        return { changed: true, value: { row: n, cells: columns.cells(values) } };
      }
      return { changed: false, value: undefined };
    });
  }

  updateRow(
    sheet: SheetRef,
    row: number,
    cells: Readonly<Record<ColumnRef, string>>,
    options: Abortable,
  ): Promise<boolean> {
    return this.change(sheet, options, (worksheet, columns) => {
      const targets = Object.entries(cells).map(([ref, value]) => [this.column(columns, ref), value] as const);
      if (row <= sheet.headerRow || row > worksheet.rowCount) return { changed: false, value: false };
      const target = worksheet.getRow(row);
      for (const [n, value] of targets) target.getCell(n).value = value;
      return { changed: true, value: true };
    });
  }

  appendRow(sheet: SheetRef, cells: Readonly<Record<ColumnRef, string>>, options: Abortable): Promise<number> {
    return this.change(sheet, options, (worksheet, columns) => {
      const targets = Object.entries(cells).map(([ref, value]) => [this.column(columns, ref), value] as const);
      // After the last row holding a value: trailing formatted-but-empty rows are reused.
      let last = Math.max(sheet.headerRow, 0);
      for (let n = worksheet.rowCount; n > last; n -= 1) {
        if ([...rowValues(worksheet.getRow(n).values).values()].some((v) => !isEmptyCell(v))) {
          last = n;
          break;
        }
      }
      const target = worksheet.getRow(last + 1);
      for (const [n, value] of targets) target.getCell(n).value = value;
      return { changed: true, value: last + 1 };
    });
  }

  /** Load, edit, and (when edited) write back by rename, all under the file's lock. */
  private async change<T>(
    sheet: SheetRef,
    options: Abortable,
    edit: (worksheet: Worksheet, columns: SheetColumns) => { changed: boolean; value: T },
  ): Promise<T> {
    const path = this.files.path(sheet.file);
    options.signal.throwIfAborted();
    return this.lock.run(path, async () => {
      // Aborted while queued: leave the file alone. Once loading starts the change runs to its end.
      options.signal.throwIfAborted();
      await this.existing(sheet.file);
      const ExcelJS = await this.library();
      const workbook: Workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.readFile(path);
      } catch (error) {
        throw this.readError(error, sheet);
      }
      const worksheet = sheet.sheet !== undefined ? workbook.getWorksheet(sheet.sheet) : workbook.worksheets[0];
      if (!worksheet) {
        throw new ExcelFileError(
          sheet.sheet !== undefined ? `no sheet "${sheet.sheet}" in "${sheet.file}"` : `"${sheet.file}" has no sheet`,
        );
      }
      const headers =
        sheet.headerRow > 0
          ? headerTexts(rowValues(worksheet.getRow(sheet.headerRow).values))
          : new Map<number, string>();
      const { changed, value } = edit(worksheet, this.columns(headers, sheet));
      if (changed) {
        const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          await workbook.xlsx.writeFile(temporary);
          await rename(temporary, path);
        } catch (error) {
          await rm(temporary, { force: true });
          throw new ExcelFileError(`"${sheet.file}" could not be written: ${errorText(error)}`);
        }
      }
      return value;
    });
  }

  private columns(headers: ReadonlyMap<number, string>, sheet: SheetRef): SheetColumns {
    return new SheetColumns(headers, where(sheet));
  }

  private column(columns: SheetColumns, ref: ColumnRef): number {
    try {
      return columns.resolve(ref);
    } catch (error) {
      throw new ExcelFileError(errorText(error));
    }
  }

  private async existing(name: string): Promise<string> {
    const path = this.files.path(name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new ExcelFileError(`no file "${name}" in the file store`);
    return path;
  }

  private readError(error: unknown, sheet: SheetRef): Error {
    if (error instanceof ExcelFileError || error instanceof FileNameError) return error;
    if ((error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError') return error as Error;
    return new ExcelFileError(`"${sheet.file}" cannot be read as an xlsx workbook (${errorText(error)})`);
  }

  private library(): Promise<ExcelJs> {
    // exceljs is large: loaded the first time a workbook is used, not at boot.
    this.exceljs ??= import('exceljs').then((module) => (module as unknown as { default?: ExcelJs }).default ?? module);
    return this.exceljs;
  }
}

function where(sheet: SheetRef): string {
  return sheet.sheet !== undefined ? `sheet "${sheet.sheet}" of "${sheet.file}"` : `"${sheet.file}"`;
}

/** exceljs row values: a sparse array indexed by column number (index 0 unused). */
function rowValues(values: unknown): Map<number, unknown> {
  const out = new Map<number, unknown>();
  if (Array.isArray(values))
    values.forEach((value, n) => n > 0 && value !== undefined && out.set(n, plainValue(value)));
  return out;
}

function headerTexts(values: ReadonlyMap<number, unknown>): Map<number, string> {
  const headers = new Map<number, string>();
  for (const [n, value] of values)
    if (value !== null && String(value).trim() !== '') headers.set(n, String(value).trim());
  return headers;
}
