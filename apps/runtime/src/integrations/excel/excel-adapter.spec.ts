import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../file-store.js';
import { neverAborted } from '../testing.js';
import { ExcelAdapter } from './excel-adapter.js';

const root = mkdtempSync(join(tmpdir(), 'ivr-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = new FileStore(root);
const options = { signal: neverAborted };
const sheet = (file: string, extra: object = {}) => ({ file, headerRow: 1, ...extra });

async function writeBook(file: string, sheets: Record<string, unknown[][]>) {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  await workbook.xlsx.writeFile(join(root, file));
}

async function readSheet(file: string, name?: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(root, file));
  const worksheet = name ? workbook.getWorksheet(name)! : workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('ExcelAdapter', () => {
  let adapter: ExcelAdapter;
  beforeEach(() => {
    adapter = new ExcelAdapter(store);
  });

  it('finds a row by a column value, a number matching the caller id text', async () => {
    await writeBook('debtors.xlsx', {
      Debtors: [
        ['Phone', 'Name', 'Debt'],
        [79161234567, 'Ann', 120.5],
        ['74951112233', { richText: [{ text: 'Bo' }, { text: 'b' }] }, { formula: '1+1', result: 2 }],
      ],
    });
    expect(await adapter.findRow(sheet('debtors.xlsx'), 'Phone', '79161234567', options)).toEqual({
      row: 2,
      cells: { A: 79161234567, B: 'Ann', C: 120.5, Phone: 79161234567, Name: 'Ann', Debt: 120.5 },
    });
    expect((await adapter.findRow(sheet('debtors.xlsx'), 'a', '74951112233', options))?.cells).toMatchObject({
      Name: 'Bob',
      Debt: 2,
    });
    expect(await adapter.findRow(sheet('debtors.xlsx'), 'Phone', '000', options)).toBeUndefined();
    await expect(adapter.findRow(sheet('debtors.xlsx'), 'Email', 'x', options)).rejects.toThrow(
      'no column "Email" in "debtors.xlsx" (its headers: Phone, Name, Debt)',
    );
  });

  it('reads the named sheet, streaming past the others', async () => {
    await writeBook('two.xlsx', {
      First: [['Key'], ['a']],
      Second: [
        ['Key', 'Value'],
        ['b', 'found'],
      ],
    });
    expect((await adapter.findRow(sheet('two.xlsx', { sheet: 'Second' }), 'Key', 'b', options))?.cells.Value).toBe(
      'found',
    );
    await expect(adapter.findRow(sheet('two.xlsx', { sheet: 'Third' }), 'Key', 'b', options)).rejects.toThrow(
      'no sheet "Third" in "two.xlsx"',
    );
  });

  it('claims each unprocessed row once, even when claims race', async () => {
    await writeBook('campaign.xlsx', {
      Contacts: [
        ['Phone', 'Result'],
        ['1', 'done'],
        ['2', null],
        ['3', ''],
        ['4', null],
        ['5', null],
      ],
    });
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => adapter.claimNextRow(sheet('campaign.xlsx'), 'Result', `run-${i}`, options)),
    );
    const rows = claims.map((claim) => claim?.row);
    expect(rows.filter((r) => r !== undefined).sort()).toEqual([3, 4, 5, 6]);
    expect(rows.filter((r) => r === undefined)).toHaveLength(2);
    const results = (await readSheet('campaign.xlsx')).map((r) => r[1]);
    expect(results.slice(1, 2)).toEqual(['done']);
    expect(new Set(results.slice(2)).size).toBe(4);
  });

  it('serializes concurrent writers to one file: every update and every append lands', async () => {
    const rows = [['Phone', 'Result'], ...Array.from({ length: 10 }, (_, i) => [String(i), null])];
    await writeBook('results.xlsx', { Sheet1: rows });
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        adapter.updateRow(sheet('results.xlsx'), i + 2, { Result: `done ${i}` }, options),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        adapter.appendRow(sheet('results.xlsx'), { Phone: `new ${i}`, B: 'added' }, options),
      ),
    ]);
    const after = await readSheet('results.xlsx');
    expect(after).toHaveLength(21);
    expect(after.slice(1, 11).map((r) => r[1])).toEqual(Array.from({ length: 10 }, (_, i) => `done ${i}`));
    expect(
      after
        .slice(11)
        .map((r) => r[0])
        .sort(),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `new ${i}`).sort());
    // No temporary file is left behind.
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a missing row to update and changes nothing for an unknown column', async () => {
    await writeBook('small.xlsx', {
      S: [
        ['Phone', 'Result'],
        ['1', null],
      ],
    });
    expect(await adapter.updateRow(sheet('small.xlsx'), 9, { Result: 'x' }, options)).toBe(false);
    await expect(adapter.updateRow(sheet('small.xlsx'), 2, { Result: 'x', Nope: 'y' }, options)).rejects.toThrow(
      'no column "Nope"',
    );
    expect(await readSheet('small.xlsx')).toEqual([['Phone', 'Result'], ['1']]);
  });

  it('refuses paths and hidden names before touching any file', async () => {
    for (const name of ['../outside.xlsx', '/etc/passwd', 'a/b.xlsx', '..\\x.xlsx', '.hidden.xlsx', '..']) {
      await expect(adapter.findRow(sheet(name), 'A', '1', options)).rejects.toThrow(/path|hidden/);
      await expect(adapter.appendRow(sheet(name), { A: '1' }, options)).rejects.toThrow(/path|hidden/);
    }
  });

  it('gives a clear error for a missing or broken workbook and leaves it as it was', async () => {
    await expect(adapter.findRow(sheet('none.xlsx'), 'A', '1', options)).rejects.toThrow(
      'no file "none.xlsx" in the file store',
    );
    writeFileSync(join(root, 'broken.xlsx'), 'this is not a zip');
    await expect(adapter.findRow(sheet('broken.xlsx'), 'A', '1', options)).rejects.toThrow(
      '"broken.xlsx" cannot be read as an xlsx workbook',
    );
    await expect(adapter.appendRow(sheet('broken.xlsx'), { A: '1' }, options)).rejects.toThrow(
      '"broken.xlsx" cannot be read as an xlsx workbook',
    );
  });

  it('does not write when aborted while waiting for the lock', async () => {
    await writeBook('abort.xlsx', { S: [['A'], ['1']] });
    const controller = new AbortController();
    const first = adapter.appendRow(sheet('abort.xlsx'), { A: 'first' }, options);
    const second = adapter.appendRow(sheet('abort.xlsx'), { A: 'second' }, { signal: controller.signal });
    controller.abort(new Error('hangup'));
    await first;
    await expect(second).rejects.toThrow('hangup');
    expect((await readSheet('abort.xlsx')).map((r) => r[0])).toEqual(['A', '1', 'first']);
  });
});
