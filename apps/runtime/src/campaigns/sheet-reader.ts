import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';

/** A file the campaign cannot import; the message says what to fix. Nothing of it is kept. */
export class SheetImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetImportError';
  }
}

export type CellValue = string | number | boolean | null;

export interface SheetSource {
  path: string;
  format: 'xlsx' | 'csv';
  /** The sheet by name; the first when absent. CSV has one. */
  sheet?: string;
  /** Rows allowed after the header; more is an error. */
  maxRows: number;
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  number: number;
  /** 0-based by column. */
  cells: CellValue[];
}

/** What the streaming reader found besides rows: evidence that it streamed, and the sheet names. */
export interface ReadStats {
  rows: number;
  /** The rows read when each batch of contacts was written: the import writes while it reads. */
  flushedAtRows?: number[];
  sheets: string[];
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** xlsx files are zip archives: they start with PK\x03\x04. */
export async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

function plain(value: unknown, address: () => string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  const object = value as Record<string, unknown>;
  if ('formula' in object || 'sharedFormula' in object)
    throw new SheetImportError(
      `cell ${address()} holds a formula; campaigns import values only: copy the column and paste it as values`,
    );
  if (Array.isArray(object.richText)) return object.richText.map((part: { text?: string }) => part.text ?? '').join('');
  if ('text' in object) return String(object.text);
  if ('error' in object) throw new SheetImportError(`cell ${address()} holds the error ${String(object.error)}`);
  return String(value);
}

/**
 * Streams the rows of one sheet, header row included: exceljs's WorkbookReader for xlsx (one row in
 * memory at a time, shared strings cached), a small streaming parser for CSV. Refuses formulas,
 * merged cells and more than `maxRows` rows; a file that is not a workbook or lacks the sheet is
 * an error too.
 */
export async function* readSheet(source: SheetSource, stats?: ReadStats): AsyncGenerator<SheetRow> {
  if (source.format === 'csv') {
    yield* readCsv(source, stats);
    return;
  }
  if (!(await looksLikeZip(source.path)))
    throw new SheetImportError('the file is not an .xlsx workbook (it is not a zip archive); save it as .xlsx or .csv');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const names: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as { name: string; iterator: AsyncIterable<Buffer> } & AsyncIterable<{
        number: number;
        values: unknown[];
      }>;
      names.push(sheet.name);
      stats?.sheets.push(sheet.name);
      if (found || (source.sheet !== undefined && sheet.name !== source.sheet)) continue;
      found = true;
      // Merged cells are listed after the rows (<mergeCells>), which exceljs's stream reader skips:
      // watch the sheet's XML go by for them.
      let merged: string | undefined;
      const inner = sheet.iterator;
      sheet.iterator = (async function* watch() {
        let tail = '';
        for await (const chunk of inner) {
          const text = tail + chunk.toString('latin1');
          const at = text.indexOf('<mergeCell ');
          if (merged === undefined && at >= 0) merged = /ref="([^"]+)"/.exec(text.slice(at, at + 80))?.[1] ?? '?';
          tail = text.slice(-80);
          yield chunk;
        }
      })();
      let count = 0;
      for await (const row of sheet) {
        count += 1;
        if (count > source.maxRows + 1)
          throw new SheetImportError(
            `the sheet has more than ${source.maxRows} rows; split the list into smaller files`,
          );
        const cells: CellValue[] = [];
        const values = row.values;
        for (let i = 1; i < values.length; i += 1)
          cells[i - 1] = plain(values[i], () => `${columnLetters(i - 1)}${row.number}`);
        for (let i = 0; i < cells.length; i += 1) if (cells[i] === undefined) cells[i] = null;
        if (stats) stats.rows += 1;
        yield { number: row.number, cells };
      }
      if (merged !== undefined)
        throw new SheetImportError(
          `the sheet has merged cells (${merged}); unmerge them and fill every row before importing`,
        );
    }
  } catch (error) {
    if (error instanceof SheetImportError) throw error;
    throw new SheetImportError(`the workbook cannot be read: ${(error as Error).message}`);
  }
  if (!found)
    throw new SheetImportError(
      source.sheet !== undefined
        ? `no sheet "${source.sheet}" in the workbook (it has: ${names.join(', ') || 'none'})`
        : 'the workbook has no sheet',
    );
}

async function* readCsv(source: SheetSource, stats?: ReadStats): AsyncGenerator<SheetRow> {
  stats?.sheets.push('csv');
  const stream = createReadStream(source.path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  let delimiter: string | undefined;
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let quoteSeen = false;
  let number = 0;
  let first = true;
  const finishRow = function* (): Generator<SheetRow> {
    row.push(field);
    field = '';
    number += 1;
    const cells = row.map((text): CellValue => (text === '' ? null : text));
    row = [];
    if (cells.length === 1 && cells[0] === null) return; // blank line
    if (number > source.maxRows + 1)
      throw new SheetImportError(`the file has more than ${source.maxRows} rows; split the list into smaller files`);
    const formula = cells.findIndex((cell) => typeof cell === 'string' && /^=[A-Za-z(]/.test(cell));
    if (formula >= 0)
      throw new SheetImportError(
        `cell ${columnLetters(formula)}${number} holds a formula; campaigns import values only`,
      );
    if (stats) stats.rows += 1;
    yield { number, cells };
  };
  let carry = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = carry + chunk;
    carry = '';
    // A quote at a chunk's end may be the first half of an escaped "": decide with the next chunk.
    if (text.endsWith('"')) {
      carry = '"';
      text = text.slice(0, -1);
    }
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      if (text.includes('\u0000'))
        throw new SheetImportError('the file is not text CSV; upload an .xlsx workbook or a UTF-8 .csv');
      const line = text.split(/\r?\n/, 1)[0] ?? '';
      const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const);
      delimiter = counts.sort((a, b) => b[1] - a[1])[0]![0];
      first = false;
    }
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 1;
          } else quoted = false;
        } else field += ch;
      } else if (ch === '"' && field === '') {
        quoted = true;
        quoteSeen = true;
      } else if (ch === delimiter) {
        row.push(field);
        field = '';
      } else if (ch === '\n') {
        if (field.endsWith('\r')) field = field.slice(0, -1);
        yield* finishRow();
      } else field += ch;
    }
  }
  void quoteSeen;
  if (carry) {
    if (quoted) quoted = false;
    else field += carry;
  }
  if (quoted) throw new SheetImportError('the CSV file ends inside a quoted field');
  if (field !== '' || row.length > 0) yield* finishRow();
}
