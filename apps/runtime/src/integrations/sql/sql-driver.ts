import type { SqlQueryResult } from '@ivr/components';
import type { BoundQuery } from './placeholders.js';

/** One query as the adapter hands it to a driver: already bound, with its limits. */
export interface DriverQuery extends BoundQuery {
  /** The values by name (MSSQL binds by name). */
  params: Readonly<Record<string, unknown>>;
  maxRows: number;
  timeoutMs: number;
  /** Fires on the step's abort or the timeout: the driver cancels what it can. */
  signal: AbortSignal;
}

/** A pooled connection to one database. */
export interface SqlDriver {
  run(query: DriverQuery): Promise<SqlQueryResult>;
  close(): Promise<void>;
}

/** Plain objects, at most maxRows of them, whatever the driver's row class. */
export function keepRows(rows: readonly unknown[], maxRows: number): Record<string, unknown>[] {
  return rows.slice(0, maxRows).map((row) => ({ ...(row as Record<string, unknown>) }));
}
