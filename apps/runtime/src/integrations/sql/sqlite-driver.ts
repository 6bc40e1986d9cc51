import type { SqlDriver } from './sql-driver.js';

/**
 * One better-sqlite3 handle per file: SQLite serializes writers itself and the driver is
 * synchronous, so a pool would add nothing. A query cannot be interrupted once running; the busy
 * timeout bounds the wait for another writer's lock instead.
 */
export async function openSqlite(path: string): Promise<SqlDriver> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { fileMustExist: true, timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  return {
    async run(query) {
      if (query.signal.aborted) throw query.signal.reason;
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(query.timeoutMs))}`);
      const statement = db.prepare(query.text);
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
