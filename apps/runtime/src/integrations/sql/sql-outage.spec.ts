import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog, componentKey } from '@ivr/components';
import { executors } from '@ivr/components/executors';
import { scenarioDocumentSchema } from '@ivr/scenario-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioEngine, type EngineDependencies } from '../../engine/index.js';
import { fixedConnections, serverConnection } from '../testing.js';
import { SqlAdapter } from './sql-adapter.js';

/**
 * A database that is down or cut off mid-call: the SQL step takes its error exit within its timeout,
 * the run goes on along that exit, and the adapter keeps serving other connections.
 */
describe('an SQL step when its database is out', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-sql-outage-'));
  // Accepts connections and never answers: a database behind a dead link or a stuck server.
  const sockets = new Set<Socket>();
  const blackHole = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  let blackHolePort = 0;
  // A port nothing listens on: connection refused, as when the database is stopped.
  let closedPort = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    blackHolePort = (blackHole.address() as AddressInfo).port;
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const server = (driver: 'postgres' | 'mysql', port: number) => ({
    ...serverConnection('crm', driver, `${driver}://ivr@127.0.0.1:${port}/crm`),
    secrets: { password: 'not-to-be-shown' },
  });

  const document = scenarioDocumentSchema.parse({
    format: 'ivr-scenario/1',
    id: 'lookup',
    name: 'Lookup with a fallback',
    kind: 'service',
    params: [{ name: 'caller', type: 'string' }],
    variables: [
      { name: 'agent', type: 'string', scope: 'run' },
      { name: 'outcome', type: 'string', scope: 'run' },
      { name: 'reason', type: 'string', scope: 'run' },
    ],
    returns: ['outcome', 'reason'],
    start: 'lookup',
    nodes: [
      {
        id: 'lookup',
        type: 'sql',
        typeVersion: 1,
        params: {
          connection: 'crm',
          query: 'SELECT agent FROM calls WHERE caller = @caller',
          map: { agent: 'agent' },
          timeout: 1,
        },
        exits: { ok: 'found', empty: 'found', error: 'fallback' },
      },
      {
        id: 'found',
        type: 'assign',
        typeVersion: 1,
        params: { assignments: [{ variable: 'outcome', value: '"found"' }] },
        exits: {},
      },
      {
        id: 'fallback',
        type: 'assign',
        typeVersion: 1,
        params: {
          assignments: [
            { variable: 'outcome', value: '"fallback"' },
            { variable: 'reason', value: 'error.message' },
          ],
        },
        exits: {},
      },
    ],
    layout: {},
  });

  const run = async (sql: SqlAdapter) => {
    const engine = new ScenarioEngine({
      catalog,
      executor: (type, version) => executors.get(componentKey(type, version)),
      scenarios: { load: async () => Promise.reject(new Error('not used')) },
      ports: { sql } as unknown as EngineDependencies['ports'],
    });
    const started = performance.now();
    const result = await engine.run({ scenarioId: 'lookup', document, args: { caller: '79161234567' } });
    return { result, ms: performance.now() - started };
  };

  for (const [driver, port, what] of [
    ['postgres', () => closedPort, 'stopped (connection refused)'],
    ['mysql', () => closedPort, 'stopped (connection refused)'],
    ['postgres', () => blackHolePort, 'unreachable (no answer)'],
    ['mysql', () => blackHolePort, 'unreachable (no answer)'],
  ] as const) {
    it(`${driver}, ${what}: the error exit, within the step's timeout, and no password in the reason`, async () => {
      const sql = new SqlAdapter(fixedConnections(server(driver, port())), dataDir);
      try {
        const { result, ms } = await run(sql);
        expect(result).toMatchObject({ status: 'completed', returns: { outcome: 'fallback' } });
        expect(String(result.returns?.reason)).toMatch(/crm/);
        expect(String(result.returns?.reason)).not.toContain('not-to-be-shown');
        // The step's own timeout (1 s) bounds the wait, with room for a loaded machine.
        expect(ms).toBeLessThan(6_000);
      } finally {
        await sql.close();
      }
    }, 20_000);
  }

  it('keeps serving the next run once the database is back', async () => {
    const connections = fixedConnections(server('postgres', closedPort));
    const sql = new SqlAdapter(connections, dataDir);
    try {
      expect((await run(sql)).result.returns).toMatchObject({ outcome: 'fallback' });
      const url = process.env.TEST_POSTGRES_URL;
      if (!url) return;
      // The "restarted" database: the same connection name, now pointing at a live server.
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query('CREATE TABLE IF NOT EXISTS calls (caller text, agent text)');
      } finally {
        await admin.end();
      }
      connections.set(serverConnection('crm', 'postgres', url));
      expect((await run(sql)).result.returns).toMatchObject({ outcome: 'found' });
    } finally {
      await sql.close();
    }
  }, 20_000);
});
