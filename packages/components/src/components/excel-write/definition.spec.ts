import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { excelWriteDefinition, excelWriteParams } from './definition.js';

describe('excel-write', () => {
  it('can miss its row only when updating', () => {
    const ids = (input: object) => exitsFor(excelWriteDefinition, excelWriteParams.parse(input)).map((e) => e.id);
    expect(ids({ file: 'a.xlsx', row: 'row', cells: { Result: 'ok' } })).toEqual(['ok', 'empty', 'error']);
    expect(ids({ file: 'a.xlsx', mode: 'append', cells: { Result: 'ok' } })).toEqual(['ok', 'error']);
  });

  it('needs a row or a match to update, and at least one cell', () => {
    expect(excelWriteParams.safeParse({ file: 'a.xlsx', cells: { Result: 'ok' } }).success).toBe(false);
    expect(
      excelWriteParams.safeParse({
        file: 'a.xlsx',
        match: { column: 'Phone', value: '{{ call.callerId }}' },
        cells: { A: '1' },
      }).success,
    ).toBe(true);
    expect(excelWriteParams.safeParse({ file: 'a.xlsx', row: 'row', cells: {} }).success).toBe(false);
  });
});
