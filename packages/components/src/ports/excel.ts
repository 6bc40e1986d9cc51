import type { Abortable } from './common.js';

/** Which sheet of which uploaded workbook. `file` is a name in the file store; paths are refused. */
export interface SheetRef {
  file: string;
  /** Absent: the first sheet. */
  sheet?: string;
  /** 1-based row holding the column headers; 0: none, columns by letter only. */
  headerRow: number;
}

/** A column by header text, or by letter (`C`). */
export type ColumnRef = string;

export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  /** Cell values by header text and by column letter. */
  cells: Readonly<Record<string, unknown>>;
}

/**
 * Uploaded workbooks. Writes to one file are serialized by the adapter, so parallel runs never lose
 * an update; claimNextRow is atomic with respect to other claims on the same file.
 */
export interface ExcelPort {
  findRow(sheet: SheetRef, column: ColumnRef, value: string, options: Abortable): Promise<SheetRow | undefined>;
  /** The first row whose result column is empty, marked with `claimWith` in the same write. */
  claimNextRow(
    sheet: SheetRef,
    resultColumn: ColumnRef,
    claimWith: string,
    options: Abortable,
  ): Promise<SheetRow | undefined>;
  /** False when the row does not exist. */
  updateRow(
    sheet: SheetRef,
    row: number,
    cells: Readonly<Record<ColumnRef, string>>,
    options: Abortable,
  ): Promise<boolean>;
  /** Returns the new row's number. */
  appendRow(sheet: SheetRef, cells: Readonly<Record<ColumnRef, string>>, options: Abortable): Promise<number>;
}
