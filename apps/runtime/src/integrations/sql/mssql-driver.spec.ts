import mssql from 'mssql';
import { describe, expect, it } from 'vitest';
import { bindMssqlRequest, mssqlResult } from './mssql-driver.js';
import { bindParameters } from './placeholders.js';

// No SQL Server runs here: these tests build real mssql Requests and inspect what would be sent.
const SEED =
  'SELECT @CallCount = COUNT([AOutNumber]) FROM [oktell].[dbo].[A_Stat_Connections_1x1] WHERE @CallerID = [AOutNumber]';

function boundRequest(sql: string, params: Record<string, unknown>) {
  const bound = bindParameters(sql, 'mssql', params);
  const request = new mssql.Request();
  bindMssqlRequest(mssql, request, { scanned: bound.scanned, params });
  return { bound, request };
}

describe('mssql binding', () => {
  it('sends the Oktell seed query as written, CallerID as input and CallCount as an INT output', () => {
    const { bound, request } = boundRequest(SEED, { CallCount: 0, CallerID: "'; DROP TABLE calls; --" });
    expect(bound.text).toBe(SEED);
    const { CallCount, CallerID } = request.parameters;
    expect(CallerID).toMatchObject({ name: 'CallerID', io: 1, value: "'; DROP TABLE calls; --" });
    expect(CallerID!.type).toBe(mssql.NVarChar);
    expect(CallCount).toMatchObject({ name: 'CallCount', io: 2, value: 0 });
    expect(CallCount!.type).toBe(mssql.Int);
  });

  it('types outputs by the variable value and leaves DECLAREd locals to the batch', () => {
    const { request } = boundRequest(
      'DECLARE @n int; SELECT @n = 1; SELECT TOP 1 @Name = name, @Big = big, @Rate = rate, @Vip = vip, @Unset = x FROM c WHERE phone = @Phone',
      { Name: '', Big: 5_000_000_000, Rate: 0.5, Vip: false, Unset: undefined, Phone: '123' },
    );
    const parameters = request.parameters;
    expect(Object.keys(parameters).sort()).toEqual(['Big', 'Name', 'Phone', 'Rate', 'Unset', 'Vip']);
    const typeName = (name: string) => {
      const type = parameters[name]!.type as unknown as { declaration?: string; name?: string } & (() => unknown);
      return (typeof type === 'function' ? type : type).name;
    };
    expect(parameters.Name!.io).toBe(2);
    expect(typeName('Big')).toBe(mssql.BigInt.name);
    expect(typeName('Rate')).toBe(mssql.Float.name);
    expect(typeName('Vip')).toBe(mssql.Bit.name);
    expect(parameters.Unset).toMatchObject({ io: 2, value: null });
    expect(parameters.Phone).toMatchObject({ io: 1, value: '123' });
  });

  it('maps outputs back to variables, BIGINT text to numbers, and counts rows', () => {
    const { bound } = boundRequest(SEED, { CallCount: 0, CallerID: '1' });
    const result = mssqlResult(
      { recordset: undefined, rowsAffected: [1], output: { CallCount: '3' } },
      { scanned: bound.scanned, params: { CallCount: 0 }, maxRows: 1 },
    );
    expect(result).toEqual({ rows: [], rowCount: 1, outputs: { CallCount: 3 } });

    const rows = mssqlResult(
      { recordset: [{ a: 1 }, { a: 2 }], rowsAffected: [2], output: {} },
      { scanned: bindParameters('SELECT a FROM t', 'mssql', {}).scanned, params: {}, maxRows: 1 },
    );
    expect(rows).toEqual({ rows: [{ a: 1 }], rowCount: 2, outputs: {} });
  });
});

describe('placeholders of the other dialects', () => {
  const sql = "SELECT a FROM t WHERE b = @x AND c = '@x' AND d = @y OR e = @x -- @z";
  it('numbers PostgreSQL parameters once per name', () => {
    expect(bindParameters(sql, 'postgres', { x: 1, y: true })).toMatchObject({
      text: "SELECT a FROM t WHERE b = $1 AND c = '@x' AND d = $2 OR e = $1 -- @z",
      values: [1, true],
    });
  });
  it('uses one ? per reference for MySQL and SQLite, booleans as 1/0', () => {
    expect(bindParameters(sql, 'mysql', { x: 'v', y: true })).toMatchObject({
      text: "SELECT a FROM t WHERE b = ? AND c = '@x' AND d = ? OR e = ? -- @z",
      values: ['v', 1, 'v'],
    });
    expect(bindParameters(sql, 'sqlite', { x: null, y: false }).values).toEqual([null, 0, null]);
  });
});

describe('output parameters elsewhere', () => {
  it('are refused with a clear message instead of running as a comparison', () => {
    expect(() => bindParameters('SELECT @n = COUNT(*) FROM t', 'postgres', { n: 0 })).toThrow(
      'the query assigns @n (SELECT @n = ...), which only MSSQL supports',
    );
  });
});
