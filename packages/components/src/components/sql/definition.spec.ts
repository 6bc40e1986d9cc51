import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { sqlDefinition, sqlParams } from './definition.js';

const base = { connection: 'crm', query: 'SELECT name FROM clients WHERE phone = @callerId' };

describe('sql', () => {
  it('has an empty exit for lookups but not for row counts', () => {
    const ids = (input: object) => exitsFor(sqlDefinition, sqlParams.parse({ ...base, ...input })).map((e) => e.id);
    expect(ids({})).toEqual(['ok', 'empty', 'error']);
    expect(ids({ mode: 'all-rows' })).toEqual(['ok', 'empty', 'error']);
    expect(ids({ mode: 'row-count' })).toEqual(['ok', 'error']);
  });

  it('maps columns to variable names only', () => {
    expect(sqlParams.safeParse({ ...base, map: { name: 'clientName' } }).success).toBe(true);
    expect(sqlParams.safeParse({ ...base, map: { name: 'client name' } }).success).toBe(false);
  });
});
