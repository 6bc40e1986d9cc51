import type { Executor } from '../../executor.js';
import { scanSqlParameters, type SqlParams } from './definition.js';

/**
 * Runs the query with every `@Name` bound from the variable Name (the adapter binds them as driver
 * parameters), then maps the outcome to exits: ok, empty (no row; not for row-count), error.
 */
export const sqlExecutor: Executor<SqlParams> = async (ctx) => {
  const { params } = ctx;
  const scanned = scanSqlParameters(params.query);
  const values: Record<string, unknown> = {};
  for (const name of scanned.names) {
    try {
      values[name] = ctx.variables.get(name);
    } catch {
      // Caught before the database sees the query: a typo in @Name is a scenario error, not a SQL one.
      return failed(ctx, `the query uses @${name}, but no variable ${name} is declared`);
    }
  }

  let result;
  try {
    result = await ctx.ports.sql.query({
      connection: params.connection,
      sql: params.query,
      params: values,
      // Only all-rows keeps more than one row; the count covers every row the query returned.
      maxRows: params.mode === 'all-rows' ? params.maxRows : 1,
      timeoutMs: params.timeout * 1000,
      signal: ctx.signal,
    });
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    return failed(ctx, errorMessage(error));
  }

  // Output parameters (MSSQL `SELECT @Count = ...`) land in their variables whatever the mode.
  const vars: Record<string, unknown> = {};
  for (const name of scanned.assigned) if (name in result.outputs) vars[name] = result.outputs[name];

  if (params.mode === 'row-count') {
    if (params.into) vars[params.into] = result.rowCount;
    return { exit: 'ok', vars };
  }
  if (params.mode === 'all-rows') {
    if (params.into) vars[params.into] = result.rows.map((row) => ({ ...row }));
    return { exit: result.rows.length > 0 ? 'ok' : 'empty', vars };
  }
  const first = result.rows[0];
  if (!first) {
    // An assignment query returns no rows but has filled its outputs: that is a result, not "nothing found".
    return { exit: scanned.assigned.length > 0 ? 'ok' : 'empty', vars };
  }
  for (const [column, variable] of Object.entries(params.map)) {
    if (!(column in first))
      return failed(ctx, `the result has no column "${column}" (it has: ${Object.keys(first).join(', ')})`);
    vars[variable] = first[column];
  }
  return { exit: 'ok', vars };
};

function failed(ctx: Parameters<Executor<SqlParams>>[0], message: string) {
  ctx.log.warn('SQL query failed', { connection: ctx.params.connection, error: message });
  ctx.ports.trace.note(`SQL error: ${message}`);
  return { exit: 'error', error: { code: 'sql', message } };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
