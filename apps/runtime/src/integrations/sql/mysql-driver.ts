import type { SqlDriver } from './sql-driver.js';
import { keepRows } from './sql-driver.js';

export interface MysqlSettings {
  host: string;
  port: number;
  database: string;
  user?: string | undefined;
  password?: string | undefined;
  ssl: boolean;
}

/** The client-side timeout only backs up the server-side KILL QUERY, so it comes a little later. */
const BACKUP_TIMEOUT_MS = 5_000;

/** MariaDB and MySQL through mysql2: `execute` sends a real prepared statement, values apart from the text. */
export async function openMysql(settings: MysqlSettings): Promise<SqlDriver> {
  const mysql = await import('mysql2/promise');
  const pool = mysql.createPool({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ...(settings.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
    connectionLimit: 10,
    connectTimeout: 15_000,
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  return {
    async run(query) {
      if (query.signal.aborted) throw query.signal.reason;
      const connection = await pool.getConnection();
      // On timeout or hangup the server stops the statement; the thread id is the server's own number.
      const cancel = () => {
        pool.query(`KILL QUERY ${Number(connection.threadId)}`).catch(() => undefined);
      };
      query.signal.addEventListener('abort', cancel, { once: true });
      try {
        const [rows] = await connection.execute(
          { sql: query.text, timeout: query.timeoutMs + BACKUP_TIMEOUT_MS },
          query.values as never[],
        );
        if (Array.isArray(rows)) return { rows: keepRows(rows, query.maxRows), rowCount: rows.length, outputs: {} };
        return { rows: [], rowCount: (rows as { affectedRows?: number }).affectedRows ?? 0, outputs: {} };
      } finally {
        query.signal.removeEventListener('abort', cancel);
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
