import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationConnection } from '../connection-resolver.js';
import { fixedConnections, neverAborted, serverConnection } from '../testing.js';
import { SqlAdapter } from './sql-adapter.js';

const HOSTILE = "'; DROP TABLE calls; --";
const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const MARIADB_URL = process.env.TEST_MARIADB_URL;

interface Peer {
  name: string;
  skip: boolean;
  connection: () => IntegrationConnection;
  /** Runs setup statements directly through the adapter (no parameters). */
  sleep: string;
}

const dataDir = mkdtempSync(join(tmpdir(), 'ivr-sql-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const peers: Peer[] = [
  {
    name: 'sqlite',
    skip: false,
    connection: () => ({ name: 'db', type: 'sql', driver: 'sqlite', settings: { file: 'calls.sqlite' }, secrets: {} }),
    sleep: '',
  },
  {
    name: 'postgres',
    skip: !POSTGRES_URL,
    connection: () => serverConnection('db', 'postgres', POSTGRES_URL!),
    sleep: 'SELECT pg_sleep(5)',
  },
  {
    name: 'mariadb',
    skip: !MARIADB_URL,
    connection: () => serverConnection('db', 'mysql', MARIADB_URL!),
    sleep: 'SELECT SLEEP(5)',
  },
];

describe.each(peers)('SqlAdapter on $name', (peer) => {
  // A table of its own per run: other suites may share the test database.
  const table = `calls_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  let adapter: SqlAdapter;
  const query = (
    sql: string,
    params: Record<string, unknown> = {},
    extra: Partial<{ maxRows: number; timeoutMs: number }> = {},
  ) =>
    adapter.query({
      connection: 'db',
      sql,
      params,
      maxRows: extra.maxRows ?? 100,
      timeoutMs: extra.timeoutMs ?? 10_000,
      signal: neverAborted,
    });

  beforeAll(async () => {
    if (peer.skip) return;
    if (peer.name === 'sqlite') new Database(join(dataDir, 'calls.sqlite')).close();
    adapter = new SqlAdapter(fixedConnections(peer.connection()), dataDir);
    await query(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, caller VARCHAR(64) NOT NULL, agent VARCHAR(64))`);
    await query(
      `INSERT INTO ${table} (id, caller, agent) VALUES (1, '79161234567', 'ann'), (2, '79161234567', 'bob'), (3, '74951112233', NULL)`,
    );
  });

  afterAll(async () => {
    if (peer.skip) return;
    await query(`DROP TABLE ${table}`).catch(() => undefined);
    await adapter.close();
  });

  it.skipIf(peer.skip)('binds @Name values as parameters: first row, repeats and a literal @ left alone', async () => {
    const result = await query(
      `SELECT agent, '@caller' AS literal FROM ${table} WHERE caller = @caller AND (@caller <> '' OR id = @id) ORDER BY id`,
      { caller: '79161234567', id: 0 },
      { maxRows: 1 },
    );
    expect(result.rows).toEqual([{ agent: 'ann', literal: '@caller' }]);
    expect(result.rowCount).toBe(2);
  });

  it.skipIf(peer.skip)('a hostile caller id is only a value: nothing found, nothing dropped', async () => {
    const found = await query(`SELECT id FROM ${table} WHERE caller = @CallerID`, { CallerID: HOSTILE });
    expect(found.rows).toEqual([]);
    await query(`INSERT INTO ${table} (id, caller) VALUES (@id, @CallerID)`, { id: 9, CallerID: HOSTILE });
    const stored = await query(`SELECT caller FROM ${table} WHERE id = 9`);
    expect(stored.rows).toEqual([{ caller: HOSTILE }]);
    const all = await query(`SELECT COUNT(*) AS n FROM ${table}`);
    expect(Number(all.rows[0]!.n)).toBe(4);
    await query(`DELETE FROM ${table} WHERE id = 9`);
  });

  it.skipIf(peer.skip)('counts affected rows of a statement that returns none', async () => {
    const result = await query(`UPDATE ${table} SET agent = @agent WHERE caller = @caller`, {
      agent: 'carl',
      caller: '74951112233',
    });
    expect(result.rowCount).toBe(1);
    expect(result.rows).toEqual([]);
  });

  it.skipIf(peer.skip)('fails with the database reason and the connection name', async () => {
    await expect(query(`SELEC nothing FROM ${table}`)).rejects.toThrow(/SQL on "db" failed: .*(syntax|SELEC)/i);
    await expect(query(`SELECT id FROM ${table} WHERE caller = @nobody`)).rejects.toThrow('no value was given for it');
  });

  it.skipIf(peer.skip || !peer.sleep)('gives up after the timeout', async () => {
    await expect(query(peer.sleep, {}, { timeoutMs: 300 })).rejects.toThrow('no result within 0.3 s');
    // The pool still works after a timed-out query.
    expect((await query(`SELECT COUNT(*) AS n FROM ${table}`)).rows).toHaveLength(1);
  });
});

describe('SqlAdapter connections', () => {
  it('refuses unknown connections, other types and SQLite files outside the data folder', async () => {
    const resolver = fixedConnections(
      { name: 'mail', type: 'smtp', driver: 'smtp', settings: {}, secrets: {} },
      { name: 'escape', type: 'sql', driver: 'sqlite', settings: { file: '../../etc/passwd' }, secrets: {} },
    );
    const adapter = new SqlAdapter(resolver, dataDir);
    const run = (connection: string) =>
      adapter.query({ connection, sql: 'SELECT 1', params: {}, maxRows: 1, timeoutMs: 1000, signal: neverAborted });
    await expect(run('nope')).rejects.toThrow('no connection named "nope"');
    await expect(run('mail')).rejects.toThrow('is a smtp connection, not sql');
    await expect(run('escape')).rejects.toThrow('inside the data folder');
    await adapter.close();
  });

  it('reopens the pool when the connection is edited', async () => {
    new Database(join(dataDir, 'one.sqlite')).exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('one')");
    new Database(join(dataDir, 'two.sqlite')).exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('two')");
    const resolver = fixedConnections({
      name: 'db',
      type: 'sql',
      driver: 'sqlite',
      settings: { file: 'one.sqlite' },
      secrets: {},
    });
    const adapter = new SqlAdapter(resolver, dataDir);
    const read = async () =>
      (
        await adapter.query({
          connection: 'db',
          sql: 'SELECT v FROM t',
          params: {},
          maxRows: 1,
          timeoutMs: 1000,
          signal: neverAborted,
        })
      ).rows;
    expect(await read()).toEqual([{ v: 'one' }]);
    resolver.set({ name: 'db', type: 'sql', driver: 'sqlite', settings: { file: 'two.sqlite' }, secrets: {} });
    expect(await read()).toEqual([{ v: 'two' }]);
    await adapter.close();
  });

  it('never shows a password in an error', async () => {
    const resolver = fixedConnections({
      name: 'pg',
      type: 'sql',
      driver: 'postgres',
      settings: { host: '127.0.0.1', port: 1, database: 'x', user: 'u' },
      secrets: { password: 's3cret-pass' },
    });
    const adapter = new SqlAdapter(resolver, dataDir);
    const error = await adapter
      .query({ connection: 'pg', sql: 'SELECT 1', params: {}, maxRows: 1, timeoutMs: 5000, signal: neverAborted })
      .catch((e: Error) => e);
    expect(String(error)).toMatch(/SQL on "pg" failed/);
    expect(String(error)).not.toContain('s3cret-pass');
    await adapter.close();
  });
});
