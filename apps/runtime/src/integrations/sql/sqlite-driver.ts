import type { Statement } from 'better-sqlite3';
import type { SqlDriver } from './sql-driver.js';

/**
 * One better-sqlite3 handle per file: SQLite serializes writers itself and the driver is
 * synchronous, so a pool would add nothing. A query cannot be interrupted once running; the busy
 * timeout bounds the wait for another writer's lock instead.
 */
const STATEMENT_CACHE = 200;

export async function openSqlite(path: string): Promise<SqlDriver> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { fileMustExist: true, timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  // A scenario runs the same few statements call after call: prepare each once (bounded, oldest out).
  const statements = new Map<string, Statement<unknown[]>>();
  let busyTimeout = -1;
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
      statements.set(text, statement);
    }
    return statement;
  };
  return {
    async run(query) {
      if (query.signal.aborted) throw query.signal.reason;
      const timeout = Math.max(0, Math.floor(query.timeoutMs));
      if (timeout !== busyTimeout) {
        db.pragma(`busy_timeout = ${timeout}`);
        busyTimeout = timeout;
      }
      const statement = prepare(query.text);
      if (!statement.reader) {
        const info = statement.run(...query.values);
        return { rows: [], rowCount: info.changes, outputs: {} };
      }
      // Counts every row but keeps only maxRows of them in memory.
      const rows: Record<string, unknown>[] = [];
      let rowCount = 0;
      for (const row of statement.iterate(...query.values)) {
        if (rowCount < query.maxRows) rows.push({ ...(row as Record<string, unknown>) });
        rowCount += 1;
      }
      return { rows, rowCount, outputs: {} };
    },
    close: async () => {
      db.close();
    },
  };
}
