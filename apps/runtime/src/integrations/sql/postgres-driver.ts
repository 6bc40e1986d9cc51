import type { PoolClient, QueryConfig } from 'pg';
import type { SqlDriver } from './sql-driver.js';
import { keepRows } from './sql-driver.js';

export interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user?: string | undefined;
  password?: string | undefined;
  ssl: boolean;
}

/** The client-side timeout only backs up the server-side cancel, so it comes a little later. */
const BACKUP_TIMEOUT_MS = 5_000;

export async function openPostgres(settings: PostgresSettings): Promise<SqlDriver> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    // TLS with the server's certificate verified.
    ssl: settings.ssl ? { rejectUnauthorized: true } : undefined,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 15_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    async run(query) {
      if (query.signal.aborted) throw query.signal.reason;
      const client = await pool.connect();
      // On timeout or hangup the server stops the statement (the caller has already moved on).
      const cancel = () => {
        const pid = (client as PoolClient & { processID?: number }).processID;
        if (pid) pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
      };
      query.signal.addEventListener('abort', cancel, { once: true });
      let broken = false;
      try {
        // query_timeout is read per query by pg, though its typings only list it on the client config.
        const config: QueryConfig & { query_timeout: number } = {
          text: query.text,
          values: query.values,
          query_timeout: query.timeoutMs + BACKUP_TIMEOUT_MS,
        };
        const result = await client.query<Record<string, unknown>>(config);
        const rows = result.rows ?? [];
        const rowCount = result.fields?.length ? rows.length : (result.rowCount ?? 0);
        return { rows: keepRows(rows, query.maxRows), rowCount, outputs: {} };
      } catch (error) {
        // The client gave up on a statement the server may still run: that client is not reused.
        if ((error as Error).message === 'Query read timeout') broken = true;
        throw error;
      } finally {
        query.signal.removeEventListener('abort', cancel);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
