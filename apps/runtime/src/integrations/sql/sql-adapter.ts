import { resolve, sep } from 'node:path';
import type { SqlPort, SqlQueryRequest, SqlQueryResult } from '@ivr/components';
import { z } from 'zod';
import {
  ConnectionConfigError,
  connectionFingerprint,
  errorText,
  requireConnection,
  scrubSecrets,
  type ConnectionResolver,
  type IntegrationConnection,
} from '../connection-resolver.js';
import { openMssql } from './mssql-driver.js';
import { openMysql } from './mysql-driver.js';
import { bindParameters, type SqlDialect } from './placeholders.js';
import { openPostgres } from './postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';
import { openSqlite } from './sqlite-driver.js';

const CLOSE_WAIT_MS = 2_000;

const server = {
  host: z.string().min(1),
  database: z.string().min(1),
  user: z.string().optional(),
};
const SETTINGS = {
  mssql: z.object({
    ...server,
    port: z.number().int().default(1433),
    encrypt: z.boolean().default(true),
    trustServerCertificate: z.boolean().default(false),
  }),
  postgres: z.object({ ...server, port: z.number().int().default(5432), ssl: z.boolean().default(false) }),
  mysql: z.object({ ...server, port: z.number().int().default(3306), ssl: z.boolean().default(false) }),
  sqlite: z.object({ file: z.string().min(1) }),
};

/** A query failed: the message names the connection and carries the database's reason, secrets scrubbed. */
export class SqlQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlQueryError';
  }
}

interface PooledDriver {
  fingerprint: string;
  dialect: SqlDialect;
  driver: Promise<SqlDriver>;
}

/**
 * The SqlPort: named connections (mssql, PostgreSQL, MariaDB/MySQL, SQLite), one pool per
 * connection, rebuilt when the connection is edited. `@Name` parameters are bound by the driver,
 * never spliced into the text.
 */
export class SqlAdapter implements SqlPort {
  private readonly pools = new Map<string, PooledDriver>();

  constructor(
    private readonly connections: ConnectionResolver,
    /** SQLite files live under the runtime's data folder; a connection names one relative to it. */
    private readonly dataDir: string,
  ) {}

  async query(request: SqlQueryRequest): Promise<SqlQueryResult> {
    const connection = await requireConnection(this.connections, request.connection, 'sql');
    const pooled = await this.pool(connection);
    const bound = bindParameters(request.sql, pooled.dialect, request.params);
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const signal = AbortSignal.any([request.signal, deadline]);
    try {
      // Opening the pool (its first connection) is bounded by the step's time too: a database behind a
      // dead link would otherwise hold the caller for the driver's own connect timeout.
      const driver = await raceAbort(pooled.driver, signal);
      return await raceAbort(
        driver.run({
          ...bound,
          params: request.params,
          maxRows: request.maxRows,
          timeoutMs: request.timeoutMs,
          signal,
        }),
        signal,
      );
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      const reason = deadline.aborted
        ? `no result within ${request.timeoutMs / 1000} s`
        : scrubSecrets(errorText(error), connection.secrets);
      throw new SqlQueryError(`SQL on "${request.connection}" failed: ${reason}`);
    }
  }

  /**
   * Closes every pool (module shutdown). A pool still trying to reach a dead server would hold the
   * shutdown for its driver's connect timeout: it is let go after CLOSE_WAIT_MS.
   */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS).unref()));
    await Promise.race([Promise.all(pools.map((p) => p.driver.then((d) => d.close()).catch(() => undefined))), waited]);
    clearTimeout(timer);
  }

  private async pool(connection: IntegrationConnection): Promise<PooledDriver> {
    const fingerprint = connectionFingerprint(connection);
    const existing = this.pools.get(connection.name);
    if (existing?.fingerprint === fingerprint) return existing;
    if (existing) {
      // The connection was edited: new queries use the new settings, the old pool drains and closes.
      void existing.driver.then((d) => d.close()).catch(() => undefined);
    }
    const dialect = connection.driver as SqlDialect;
    const driver = this.open(connection);
    // A pool that failed to open is forgotten, so the next query tries again.
    driver.catch(() => {
      if (this.pools.get(connection.name)?.driver === driver) this.pools.delete(connection.name);
    });
    const pooled = { fingerprint, dialect, driver };
    this.pools.set(connection.name, pooled);
    return pooled;
  }

  private async open(connection: IntegrationConnection): Promise<SqlDriver> {
    const password = connection.secrets.password;
    const settings = <S extends z.ZodType>(schema: S): z.infer<S> => {
      const parsed = schema.safeParse(connection.settings);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ConnectionConfigError(
          `connection "${connection.name}": setting ${issue?.path.join('.') ?? '?'} ${issue?.message ?? 'is invalid'}`,
        );
      }
      return parsed.data;
    };
    switch (connection.driver) {
      case 'mssql':
        return openMssql({ ...settings(SETTINGS.mssql), password });
      case 'postgres':
        return openPostgres({ ...settings(SETTINGS.postgres), password });
      case 'mysql':
        return openMysql({ ...settings(SETTINGS.mysql), password });
      case 'sqlite':
        return openSqlite(this.sqlitePath(settings(SETTINGS.sqlite).file));
      default:
        throw new ConnectionConfigError(
          `connection "${connection.name}" uses an unknown SQL driver "${connection.driver}"`,
        );
    }
  }

  private sqlitePath(file: string): string {
    const root = resolve(this.dataDir);
    const path = resolve(root, file);
    if (!path.startsWith(root + sep)) throw new ConnectionConfigError('the SQLite file must be inside the data folder');
    return path;
  }
}

/** Settles with the query, or rejects as soon as the signal fires (the driver cancels on its own). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    if (signal.aborted) {
      promise.catch(() => undefined);
      reject(signal.reason);
      return;
    }
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
