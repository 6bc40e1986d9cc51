import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../database/data-source-options.js';
import { DatabaseGlobals } from './database-globals.js';

const eventually = async (check: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

// Two stores on one database file: two nodes sharing the table.
describe('DatabaseGlobals', () => {
  let dir: string;
  let first: DataSource;
  let second: DataSource;
  const stores: DatabaseGlobals[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-globals-'));
    const options = dataSourceOptions({ type: 'sqlite', path: join(dir, 'db.sqlite') });
    first = await new DataSource(options).initialize();
    second = await new DataSource({ ...options, migrationsRun: false }).initialize();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.stop(100);
    await first.query('DELETE FROM global_variables');
  });
  afterAll(async () => {
    await first.destroy();
    await second.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = async (dataSource: DataSource, nodeId: string) => {
    const globals = new DatabaseGlobals(dataSource, { nodeId, refreshMs: 30, retryMs: { min: 10, max: 50 } });
    await globals.start();
    stores.push(globals);
    return globals;
  };

  it('reads its own writes at once and shows them to the other node after a refresh', async () => {
    const a = await store(first, 'a');
    const b = await store(second, 'b');
    a.set('mode', { holiday: true });
    expect(a.get('mode')).toEqual({ holiday: true });
    await eventually(() => a.pendingWrites === 0);
    await eventually(() => (b.get('mode') as { holiday?: boolean } | undefined)?.holiday === true);
    b.set('mode', { holiday: false });
    await eventually(() => (a.get('mode') as { holiday?: boolean }).holiday === false);
    const [row] = await first.query('SELECT revision, updated_by AS "by" FROM global_variables WHERE name = \'mode\'');
    expect(row).toEqual({ revision: 2, by: 'b' });
  });

  it('loads the table before the first run, and never writes an initial value over a set one', async () => {
    const a = await store(first, 'a');
    a.set('counter', 5);
    await eventually(() => a.pendingWrites === 0);
    const b = await store(second, 'b');
    expect(b.get('counter')).toBe(5);
    // A third node that has not refreshed yet believes the variable is unset.
    const c = new DatabaseGlobals(second, { nodeId: 'c', refreshMs: 60_000 });
    stores.push(c);
    c.setIfAbsent('counter', 0);
    expect(c.get('counter')).toBe(0);
    await eventually(() => c.pendingWrites === 0);
    expect(c.get('counter')).toBe(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.get('counter')).toBe(5);
  });

  it('keeps a write while the database is away and writes it once it is back', async () => {
    const a = await store(first, 'a');
    const errors: string[] = [];
    const failing = new DatabaseGlobals(first, {
      nodeId: 'f',
      refreshMs: 30,
      retryMs: { min: 10, max: 50 },
      onError: (message) => errors.push(message),
    });
    stores.push(failing);
    const repository = (failing as unknown as { repository: { insert: (...args: unknown[]) => Promise<unknown> } })
      .repository;
    const insert = repository.insert.bind(repository);
    let down = true;
    repository.insert = (...args: unknown[]) => (down ? Promise.reject(new Error('database away')) : insert(...args));
    failing.set('flag', 'on');
    await eventually(() => errors.length >= 3);
    expect(failing.get('flag')).toBe('on');
    expect(failing.pendingWrites).toBe(1);
    down = false;
    await eventually(() => failing.pendingWrites === 0);
    await eventually(() => a.get('flag') === 'on');
  });

  it('removes a variable set to undefined', async () => {
    const a = await store(first, 'a');
    const b = await store(second, 'b');
    a.set('gone', 1);
    await eventually(() => b.get('gone') === 1);
    a.set('gone', undefined);
    await eventually(() => b.get('gone') === undefined);
  });
});
