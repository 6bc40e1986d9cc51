import type { SqlQueryResult } from '@ivr/components';
import type mssqlModule from 'mssql';
import type { ConnectionPool, ISqlType, Request } from 'mssql';
import { keepRows, type DriverQuery, type SqlDriver } from './sql-driver.js';

type Mssql = typeof mssqlModule;

export interface MssqlSettings {
  host: string;
  port: number;
  database: string;
  user?: string | undefined;
  password?: string | undefined;
  encrypt: boolean;
  trustServerCertificate: boolean;
}

/** Longest query any step may ask for (the SQL component's timeout is at most 600 s). */
const MAX_REQUEST_MS = 600_000;

export async function openMssql(settings: MssqlSettings): Promise<SqlDriver> {
  const { default: mssql } = await import('mssql');
  const pool = new mssql.ConnectionPool({
    server: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    // Each request gets the step's own timeout (cancel below); the pool-wide one only backs it up.
    requestTimeout: MAX_REQUEST_MS,
    connectionTimeout: 15_000,
    pool: { max: 10, min: 0, idleTimeoutMillis: 30_000 },
    options: { encrypt: settings.encrypt, trustServerCertificate: settings.trustServerCertificate },
  });
  let connecting: Promise<ConnectionPool> | undefined;
  return {
    async run(query) {
      connecting ??= pool.connect().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      });
      await connecting;
      const request = pool.request();
      bindMssqlRequest(mssql, request, query);
      const cancel = () => request.cancel();
      query.signal.addEventListener('abort', cancel, { once: true });
      try {
        const result = await request.query(query.text);
        return mssqlResult(result, query);
      } finally {
        query.signal.removeEventListener('abort', cancel);
      }
    },
    close: () => pool.close(),
  };
}

/**
 * Binds the query's `@Name`s on an mssql Request: inputs by value (the driver declares them for
 * sp_executesql, so the text is sent as written and values travel apart), and every name the query
 * assigns (`SELECT @CallCount = COUNT(*)`) as an OUTPUT parameter whose value comes back after
 * the query. An output's SQL type follows the variable's current value (0 -> INT, 'x' -> NVARCHAR):
 * T-SQL needs a type, and the variable's value is the only hint of the one the scenario expects.
 */
export function bindMssqlRequest(mssql: Mssql, request: Request, query: Pick<DriverQuery, 'scanned' | 'params'>): void {
  const assigned = new Set(query.scanned.assigned);
  for (const name of query.scanned.names) {
    const value = mssqlValue(query.params[name]);
    if (assigned.has(name)) request.output(name, outputType(mssql, value), value);
    else request.input(name, value);
  }
}

function mssqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return JSON.stringify(value);
  }
  return value;
}

function outputType(mssql: Mssql, value: unknown): ISqlType | (() => ISqlType) {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return mssql.Float;
    return Math.abs(value) <= 2_147_483_647 ? mssql.Int : mssql.BigInt;
  }
  if (typeof value === 'bigint') return mssql.BigInt;
  if (typeof value === 'boolean') return mssql.Bit;
  if (value instanceof Date) return mssql.DateTime2;
  if (typeof value === 'string') return mssql.NVarChar(mssql.MAX);
  // Unset variable: text is the one type every value converts to; docs/mssql.md says to give an initial value.
  return mssql.NVarChar(4000);
}

/** Rows, count and outputs of an mssql result; BIGINT outputs (strings in tedious) as numbers when safe. */
export function mssqlResult(
  result: { recordset?: readonly unknown[] | undefined; rowsAffected: number[]; output: Record<string, unknown> },
  query: Pick<DriverQuery, 'scanned' | 'params' | 'maxRows'>,
): SqlQueryResult {
  const outputs: Record<string, unknown> = {};
  for (const name of query.scanned.assigned) {
    if (!(name in result.output)) continue;
    const value = result.output[name];
    const numeric = typeof query.params[name] === 'number' && typeof value === 'string' && /^-?\d+$/.test(value);
    outputs[name] = numeric && Number.isSafeInteger(Number(value)) ? Number(value) : value;
  }
  const rows = result.recordset ?? [];
  const rowCount = result.recordset ? rows.length : result.rowsAffected.reduce((sum, n) => sum + n, 0);
  return { rows: keepRows(rows, query.maxRows), rowCount, outputs };
}
