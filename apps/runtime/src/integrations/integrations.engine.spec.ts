import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog, componentKey } from '@ivr/components';
import { executors } from '@ivr/components/executors';
import { scenarioDocumentSchema } from '@ivr/scenario-schema';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioEngine, type EngineDependencies } from '../engine/index.js';
import { ExcelAdapter } from './excel/excel-adapter.js';
import { FileStore } from './file-store.js';
import { HttpAdapter } from './http/http-adapter.js';
import { SqlAdapter } from './sql/sql-adapter.js';
import { fixedConnections } from './testing.js';

// The real engine, the real catalog and executors, and the real adapters against local peers:
// proof that the data components work inside a run, not only one by one.
describe('data components inside a scenario run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-run-'));
  const posted: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posted.push(JSON.parse(body));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ticket":{"id":"T-42"}}');
    });
  });
  let url = '';
  const sql = new SqlAdapter(
    fixedConnections({ name: 'crm', type: 'sql', driver: 'sqlite', settings: { file: 'crm.sqlite' }, secrets: {} }),
    dataDir,
  );
  const files = new FileStore(join(dataDir, 'files'));

  beforeAll(async () => {
    const db = new Database(join(dataDir, 'crm.sqlite'));
    db.exec(`CREATE TABLE calls (id INTEGER PRIMARY KEY, caller TEXT, agent TEXT);
             INSERT INTO calls (caller, agent) VALUES ('79161234567', 'ann'), ('79161234567', 'bob'), ('74950000000', 'eve');`);
    db.close();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tickets`;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Calls').addRows([['Caller', 'Agent', 'Ticket']]);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(files.root, { recursive: true });
    await workbook.xlsx.writeFile(files.path('log.xlsx'));
  });
  afterAll(async () => {
    await sql.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const engine = () =>
    new ScenarioEngine({
      catalog,
      executor: (type, version) => executors.get(componentKey(type, version)),
      scenarios: { load: async () => Promise.reject(new Error('not used')) },
      ports: {
        sql,
        http: new HttpAdapter(undefined),
        excel: new ExcelAdapter(files),
      } as unknown as EngineDependencies['ports'],
    });

  const document = () =>
    scenarioDocumentSchema.parse({
      format: 'ivr-scenario/1',
      id: 'last-agent',
      name: 'Route to the last agent',
      kind: 'service',
      params: [{ name: 'caller', type: 'string' }],
      variables: [
        { name: 'agent', type: 'string', scope: 'run' },
        { name: 'ticket', type: 'string', scope: 'run' },
        { name: 'status', type: 'int', scope: 'run' },
        { name: 'row', type: 'int', scope: 'run' },
      ],
      returns: ['agent', 'ticket', 'status', 'row'],
      start: 'lookup',
      nodes: [
        {
          id: 'lookup',
          type: 'sql',
          typeVersion: 1,
          params: {
            connection: 'crm',
            query: 'SELECT agent FROM calls WHERE caller = @caller ORDER BY id DESC',
            map: { agent: 'agent' },
          },
          exits: { ok: 'post', empty: 'log', error: 'log' },
        },
        {
          id: 'post',
          type: 'http',
          typeVersion: 1,
          params: {
            method: 'POST',
            url,
            body: '{ "caller": {{ caller }}, "agent": {{ agent }} }',
            map: { 'ticket.id': 'ticket' },
            statusInto: 'status',
          },
          exits: { ok: 'log', 'http-error': 'log', timeout: 'log', error: 'log' },
        },
        {
          id: 'log',
          type: 'excel-write',
          typeVersion: 1,
          params: {
            file: 'log.xlsx',
            mode: 'append',
            cells: { Caller: '{{ caller }}', Agent: '{{ agent }}', Ticket: '{{ ticket }}' },
            rowInto: 'row',
          },
          exits: {},
        },
      ],
      layout: {},
    });

  it('looks the caller up in SQLite, posts to a web server and logs the call to a workbook', async () => {
    const result = await engine().run({
      scenarioId: 'last-agent',
      document: document(),
      args: { caller: '79161234567' },
    });
    expect(result).toMatchObject({
      status: 'completed',
      returns: { agent: 'bob', ticket: 'T-42', status: 201, row: 2 },
    });
    expect(posted.at(-1)).toEqual({ caller: '79161234567', agent: 'bob' });
  });

  it('takes the empty exit for a hostile caller id, which reaches the database only as a value', async () => {
    const hostile = "'; DROP TABLE calls; --";
    const result = await engine().run({ scenarioId: 'last-agent', document: document(), args: { caller: hostile } });
    // Two steps: lookup took "empty" straight to the log, past the HTTP post.
    expect(result).toMatchObject({ status: 'completed', steps: 2, returns: { agent: undefined, row: 3 } });
    const db = new Database(join(dataDir, 'crm.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 3 });
    db.close();
  });
});
