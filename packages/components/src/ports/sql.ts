import type { Abortable, TimeBounded } from './common.js';

export interface SqlQueryRequest extends Abortable, TimeBounded {
  /** A named connection from the integrations module. */
  connection: string;
  /** The query text exactly as written in the scenario; `@Name` placeholders stay in it. */
  sql: string;
  /**
   * Values of the `@Name` placeholders, by name. The adapter binds them as driver parameters
   * (never splices them into the text), translating `@Name` to the dialect's placeholder.
   */
  params: Readonly<Record<string, unknown>>;
  /** Stop reading after this many rows (the count of all-rows is then at most maxRows). */
  maxRows: number;
}

export interface SqlQueryResult {
  rows: readonly Readonly<Record<string, unknown>>[];
  /** Rows returned, or rows affected for statements that return none. */
  rowCount: number;
  /** MSSQL output parameters (`SELECT @CallCount = COUNT(...)`), by name without `@`. */
  outputs: Readonly<Record<string, unknown>>;
}

/** Database access by named, pooled connection (mssql, PostgreSQL, MariaDB/MySQL, SQLite). */
export interface SqlPort {
  /** Rejects on a database error or when `timeoutMs` passes (the error says which). */
  query(request: SqlQueryRequest): Promise<SqlQueryResult>;
}
