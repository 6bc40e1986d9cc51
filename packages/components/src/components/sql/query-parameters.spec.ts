import { describe, expect, it } from 'vitest';
import { scanSqlParameters } from './query-parameters.js';

describe('scanSqlParameters', () => {
  it('finds the Oktell seed query: an output assignment and an input in the WHERE clause', () => {
    const scanned = scanSqlParameters(
      'SELECT @CallCount = COUNT([AOutNumber]) FROM [oktell].[dbo].[A_Stat_Connections_1x1] WHERE @CallerID = [AOutNumber]',
    );
    expect(scanned.names).toEqual(['CallCount', 'CallerID']);
    expect(scanned.assigned).toEqual(['CallCount']);
  });

  it('skips strings, quoted identifiers and comments', () => {
    const scanned = scanSqlParameters(
      `SELECT '@notA', "@notB", [@notC], \`@notD\` -- @notE
       /* @notF /* nested @notG */ @notH */ FROM t WHERE a = @real AND b = 'it''s @notI'`,
    );
    expect(scanned.names).toEqual(['real']);
  });

  it('skips @@system values, DECLAREd locals and PostgreSQL dollar quoting', () => {
    const scanned = scanSqlParameters(
      'DECLARE @local int = 1, @other varchar(5); SELECT @local = @@ROWCOUNT, x FROM t WHERE y = $$ @no $$ AND z = @Yes',
    );
    expect(scanned.names).toEqual(['Yes']);
    expect(scanned.assigned).toEqual([]);
  });

  it('tells assignments from comparisons', () => {
    const scan = (sql: string) => scanSqlParameters(sql).assigned;
    expect(scan('SELECT TOP 1 @Name = name, @Phone = phone FROM clients WHERE id = @Id')).toEqual(['Name', 'Phone']);
    expect(scan('SELECT TOP (1) @Name = name FROM clients')).toEqual(['Name']);
    expect(scan('SET @Total = (SELECT SUM(x) FROM t WHERE a = @A)')).toEqual(['Total']);
    expect(scan('SELECT CASE WHEN @A = 1 THEN 2 END FROM t')).toEqual([]);
    expect(scan('UPDATE t SET col = @Value WHERE @Id = id')).toEqual([]);
    expect(scan('SELECT * FROM t WHERE @A = a OR @B >= b')).toEqual([]);
  });

  it('honours backslash escapes only when asked (MySQL strings)', () => {
    const sql = "SELECT 'a\\' , @x";
    expect(scanSqlParameters(sql).names).toEqual(['x']);
    expect(scanSqlParameters(sql, { backslashEscapes: true }).names).toEqual([]);
  });

  it('reports each reference with its offsets, so a driver can replace it', () => {
    const sql = 'SELECT @a, @b, @a';
    const { refs } = scanSqlParameters(sql);
    expect(refs.map((r) => sql.slice(r.start, r.end))).toEqual(['@a', '@b', '@a']);
  });
});
