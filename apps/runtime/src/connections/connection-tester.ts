import { connect as tcpConnect } from 'node:net';
import { resolve, sep } from 'node:path';

export interface ConnectionUnderTest {
  type: string;
  driver: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** What was actually tried: a query, an SMTP handshake, a TCP connect, an HTTP request. */
  check: 'query' | 'smtp-verify' | 'tcp-connect' | 'http-request' | 'none';
  message: string;
  durationMs: number;
}

const TIMEOUT_MS = 5000;

/** The union of the drivers' settings fields (see connection-kinds.ts). */
interface StoredSettings {
  host: string;
  port: number;
  database: string;
  user?: string;
  ssl?: boolean;
  encrypt?: boolean;
  trustServerCertificate?: boolean;
  secure?: boolean;
  file: string;
  url: string;
  baseUrl: string;
}

type Check = { check: ConnectionTestResult['check']; run: () => Promise<string> };

/**
 * Really tries a connection. Driver modules are imported only here and only when needed, so a
 * missing optional driver breaks its own test, not the runtime's start-up.
 */
export async function testConnection(connection: ConnectionUnderTest, dataDir: string): Promise<ConnectionTestResult> {
  const started = Date.now();
  const { check, run } = checkFor(connection, dataDir);
  try {
    const message = await withTimeout(run(), TIMEOUT_MS);
    return { ok: true, check, message, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, check, message: scrub(errorText(error), connection.secrets), durationMs: Date.now() - started };
  }
}

function checkFor(c: ConnectionUnderTest, dataDir: string): Check {
  // Settings were checked against the driver's schema when stored; here they are read as such.
  const s = c.settings as unknown as StoredSettings;
  const password = c.secrets.password;
  switch (`${c.type}/${c.driver}`) {
    case 'sql/sqlite':
      return { check: 'query', run: () => querySqlite(sqliteFile(dataDir, s.file)) };
    case 'sql/postgres':
      return {
        check: 'query',
        run: async () => {
          const { default: pg } = await import('pg');
          const client = new pg.Client({
            host: s.host,
            port: s.port,
            database: s.database,
            user: s.user,
            password,
            ssl: s.ssl || undefined,
            connectionTimeoutMillis: TIMEOUT_MS,
          });
          try {
            await client.connect();
            const result = await client.query<{ version: string }>('SELECT version() AS version');
            return `connected: ${result.rows[0]?.version ?? 'PostgreSQL'}`;
          } finally {
            await client.end().catch(() => undefined);
          }
        },
      };
    case 'sql/mysql':
      return {
        check: 'query',
        run: async () => {
          const mysql = await import('mysql2/promise');
          const connection = await mysql.createConnection({
            host: s.host,
            port: s.port,
            database: s.database,
            user: s.user,
            password,
            connectTimeout: TIMEOUT_MS,
            ...(s.ssl ? { ssl: {} } : {}),
          });
          try {
            const [rows] = await connection.query('SELECT VERSION() AS version');
            return `connected: ${(rows as { version: string }[])[0]?.version ?? 'MySQL'}`;
          } finally {
            await connection.end().catch(() => undefined);
          }
        },
      };
    case 'sql/mssql':
      return {
        check: 'query',
        run: async () => {
          const { default: mssql } = await import('mssql');
          const pool = new mssql.ConnectionPool({
            server: s.host,
            port: s.port,
            database: s.database,
            user: s.user,
            password,
            connectionTimeout: TIMEOUT_MS,
            options: { encrypt: s.encrypt, trustServerCertificate: s.trustServerCertificate },
          });
          try {
            await pool.connect();
            await pool.request().query('SELECT 1 AS ok');
            return 'connected';
          } finally {
            await pool.close().catch(() => undefined);
          }
        },
      };
    case 'smtp/smtp':
      return {
        check: 'smtp-verify',
        run: async () => {
          const { default: nodemailer } = await import('nodemailer');
          const transport = nodemailer.createTransport({
            host: s.host,
            port: s.port,
            secure: s.secure,
            auth: s.user ? { user: s.user, pass: password ?? '' } : undefined,
            connectionTimeout: TIMEOUT_MS,
            greetingTimeout: TIMEOUT_MS,
          });
          try {
            await transport.verify();
            return 'the SMTP server accepted the connection' + (s.user ? ' and the credentials' : '');
          } finally {
            transport.close();
          }
        },
      };
    case 'sms/smpp':
      return { check: 'tcp-connect', run: () => reachTcp(s.host, s.port) };
    case 'sms/http':
    case 'payment/https-json':
      return { check: 'http-request', run: () => reachHttp(s.url) };
    case 'http/http':
      return { check: 'http-request', run: () => reachHttp(s.baseUrl) };
    case 'payment/sandbox':
      return { check: 'none', run: async () => 'the sandbox processor runs inside the runtime' };
    default:
      return {
        check: 'none',
        run: async () => {
          throw new Error(`no test for ${c.type}/${c.driver}`);
        },
      };
  }
}

/** SQLite connection files live in the data folder; anything resolving outside it is refused. */
export function sqliteFile(dataDir: string, file: string): string {
  const root = resolve(dataDir);
  const path = resolve(root, file);
  if (!path.startsWith(root + sep)) throw new Error('the SQLite file must be inside the data folder');
  return path;
}

async function querySqlite(path: string): Promise<string> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return `opened: SQLite ${row.version}`;
  } finally {
    db.close();
  }
}

function reachTcp(host: string, port: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const socket = tcpConnect({ host, port, timeout: TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(`TCP ${host}:${port} accepts connections (the SMPP bind itself is not tried)`);
    });
    socket.once('timeout', () => socket.destroy(new Error(`no answer from ${host}:${port}`)));
    socket.once('error', reject);
  });
}

async function reachHttp(url: string): Promise<string> {
  const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
  return `the server answered HTTP ${response.status}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(errorText).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Driver errors may quote what they were given; a secret never leaves in a message. */
export function scrub(message: string, secrets: Record<string, string>): string {
  let clean = message;
  for (const value of Object.values(secrets)) if (value) clean = clean.split(value).join('[redacted]');
  return clean;
}
