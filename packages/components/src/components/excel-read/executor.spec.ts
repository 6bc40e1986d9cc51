import { describe, expect, it } from 'vitest';
import type { ExcelPort, SheetRef, SheetRow } from '../../ports/excel.js';
import { excelWriteParams } from '../excel-write/definition.js';
import { excelWriteExecutor } from '../excel-write/executor.js';
import { stepContext } from '../sql/step-context.testing.js';
import { excelReadParams } from './definition.js';
import { excelReadExecutor } from './executor.js';

/** A one-sheet workbook in memory with the header row 1, good enough to drive both executors. */
function memoryWorkbook(headers: string[], rows: string[][]) {
  const data = rows.map((r) => [...r]);
  const column = (ref: string) => {
    const index = headers.indexOf(ref);
    if (index < 0) throw new Error(`no column "${ref}"`);
    return index;
  };
  const asRow = (index: number): SheetRow => ({
    row: index + 2,
    cells: Object.fromEntries(headers.map((h, i) => [h, data[index]![i] ?? null])),
  });
  const sheets: SheetRef[] = [];
  const port: ExcelPort = {
    async findRow(sheet, ref, value) {
      sheets.push(sheet);
      const index = data.findIndex((r) => r[column(ref)] === value);
      return index < 0 ? undefined : asRow(index);
    },
    async claimNextRow(sheet, ref, claimWith) {
      sheets.push(sheet);
      const index = data.findIndex((r) => !r[column(ref)]);
      if (index < 0) return undefined;
      data[index]![column(ref)] = claimWith;
      return asRow(index);
    },
    async updateRow(_sheet, row, cells) {
      const target = data[row - 2];
      if (!target) return false;
      for (const [ref, value] of Object.entries(cells)) target[column(ref)] = value;
      return true;
    },
    async appendRow(_sheet, cells) {
      data.push(headers.map((h) => cells[h] ?? ''));
      return data.length + 1;
    },
  };
  return { port, data, sheets };
}

const variables = {
  debt: { type: 'string' as const },
  name: { type: 'string' as const },
  row: { type: 'int' as const },
};

describe('excel-read and excel-write executors', () => {
  it('finds a row by the caller id and maps its cells', async () => {
    const book = memoryWorkbook(['Phone', 'Name', 'Debt'], [['79161234567', 'Ann', '120']]);
    const params = excelReadParams.parse({
      file: 'debtors.xlsx',
      match: { column: 'Phone', value: '{{ call.callerId }}' },
      map: { Debt: 'debt', Name: 'name' },
      rowInto: 'row',
    });
    const { context } = stepContext(params, { variables, ports: { excel: book.port } });
    expect(await excelReadExecutor(context)).toEqual({ exit: 'ok', vars: { debt: '120', name: 'Ann', row: 2 } });
    expect(book.sheets[0]).toEqual({ file: 'debtors.xlsx', headerRow: 1 });

    const other = stepContext(params, { variables, callerId: '000', ports: { excel: book.port } });
    expect(await excelReadExecutor(other.context)).toEqual({ exit: 'empty' });
  });

  it('claims the next unprocessed row, then writes its result back to the same row', async () => {
    const book = memoryWorkbook(
      ['Phone', 'Result'],
      [
        ['1', 'done'],
        ['2', ''],
        ['3', ''],
      ],
    );
    const read = stepContext(
      excelReadParams.parse({
        file: 'c.xlsx',
        mode: 'next-unprocessed',
        resultColumn: 'Result',
        map: { Phone: 'name' },
        rowInto: 'row',
      }),
      { variables, ports: { excel: book.port } },
    );
    const claimed = await excelReadExecutor(read.context);
    expect(claimed).toEqual({ exit: 'ok', vars: { name: '2', row: 3 } });
    expect(book.data[1]).toEqual(['2', 'in progress']);

    const write = stepContext(
      excelWriteParams.parse({ file: 'c.xlsx', row: 'row', cells: { Result: 'listened to the end' } }),
      {
        variables: { ...variables, row: { type: 'int', value: 3 } },
        ports: { excel: book.port },
      },
    );
    expect(await excelWriteExecutor(write.context)).toEqual({ exit: 'ok', vars: {} });
    expect(book.data[1]).toEqual(['2', 'listened to the end']);
  });

  it('updates a matched row, reports a missing row as empty and appends', async () => {
    const book = memoryWorkbook(['Phone', 'Result'], [['1', '']]);
    const update = (value: string) =>
      stepContext(
        excelWriteParams.parse({ file: 'c.xlsx', match: { column: 'Phone', value }, cells: { Result: 'ok' } }),
        {
          ports: { excel: book.port },
        },
      ).context;
    expect((await excelWriteExecutor(update('1'))).exit).toBe('ok');
    expect((await excelWriteExecutor(update('9'))).exit).toBe('empty');

    const append = stepContext(
      excelWriteParams.parse({
        file: 'c.xlsx',
        mode: 'append',
        cells: { Phone: '{{ call.callerId }}' },
        rowInto: 'row',
      }),
      { variables, ports: { excel: book.port } },
    );
    expect(await excelWriteExecutor(append.context)).toEqual({ exit: 'ok', vars: { row: 3 } });
    expect(book.data[1]).toEqual(['79161234567', '']);
  });

  it('takes error when the file cannot be used', async () => {
    const failing: ExcelPort = {
      findRow: async () => {
        throw new Error('"../x.xlsx" is a path; only file names are allowed');
      },
      claimNextRow: async () => undefined,
      updateRow: async () => false,
      appendRow: async () => 0,
    };
    const { context, notes } = stepContext(
      excelReadParams.parse({ file: '../x.xlsx', match: { column: 'A', value: '1' } }),
      {
        ports: { excel: failing },
      },
    );
    expect(await excelReadExecutor(context)).toMatchObject({ exit: 'error', error: { code: 'excel' } });
    expect(notes.join()).toMatch(/only file names/);
  });
});
