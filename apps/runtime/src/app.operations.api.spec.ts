import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecordsService } from './calls/call-records.service.js';
import { MIGRATIONS } from './database/schema.js';
import { TEST_DATABASES, startTestApp, type TestApp } from './testing/test-app.js';
import { scenarioDoc, testCatalog } from './testing/test-catalog.js';

describe.each(TEST_DATABASES)('operations on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp(database);
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ran the committed migrations on the empty database, and only those', async () => {
    const dataSource = t.app.get(DataSource);
    expect(dataSource.options.synchronize).toBe(false);
    expect(await dataSource.showMigrations()).toBe(false);
    const applied = await dataSource.query('SELECT name FROM migrations');
    expect(applied.map((m: { name: string }) => m.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    for (const table of [
      'users',
      'audit_log',
      'scenarios',
      'scenario_versions',
      'routes',
      'parking_lots',
      'callback_numbers',
      'connections',
      'prompts',
      'call_records',
    ]) {
      await expect(dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)).resolves.toBeDefined();
    }
  });

  it('reports health: database up, the embedded switch connected', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up', detail: database },
        switch: {
          status: 'up',
          detail: 'embedded',
          calls: 0,
          capacity: [expect.objectContaining({ id: expect.any(String) })],
        },
        jobQueue: { status: 'up', detail: 'database queue' },
      },
    });
  });

  it('exposes Prometheus metrics with per-route request counts', async () => {
    await t.http().get('/api/scenarios').set(auth);
    const metrics = await t.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/ivr_http_requests_total\{[^}]*route="\/api\/scenarios"[^}]*status="200"/);
    expect(metrics.text).toContain('ivr_process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document and its UI at /api/docs', async () => {
    const json = await t.http().get('/api/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/scenarios', '/api/scenarios/{id}/draft', '/api/connections/{id}/test', '/health']),
    );
    expect(
      json.body.paths['/api/routes'].post.requestBody.content['application/json'].schema.properties.pattern,
    ).toBeDefined();
    const ui = await t.http().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers a plain page at / while the designer is not built', async () => {
    const page = await t.http().get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('The designer has not been built');
  });

  it('lists the component catalog for the designer, params as JSON Schema', async () => {
    const components = await t.http().get('/api/components').set(auth);
    expect(components.body).toHaveLength(testCatalog.list().length);
    const play = components.body.find((c: { type: string }) => c.type === 'play');
    expect(play).toMatchObject({
      type: 'play',
      typeVersion: 1,
      category: 'call',
      kinds: ['main', 'ivr'],
      precondition: 'answered',
      implemented: true,
      exits: [{ id: 'ok' }],
    });
    expect(play.paramsJsonSchema.properties.tts).toEqual({ type: 'string' });
  });

  it('lists call records with filters', async () => {
    const calls = t.app.get(CallRecordsService);
    await calls.start({
      direction: 'inbound',
      caller: '+79990000001',
      callee: '100',
      scenarioId: 'a',
      scenarioVersion: 1,
      startedAt: '2026-11-20T10:00:00.000Z',
      result: 'completed',
    });
    await calls.start({
      direction: 'inbound',
      caller: '+79990000002',
      callee: '100',
      scenarioId: 'b',
      scenarioVersion: 3,
      startedAt: '2026-11-21T10:00:00.000Z',
      result: 'hangup',
    });
    const outbound = await calls.start({
      direction: 'outbound',
      callee: '+79990000003',
      startedAt: '2026-11-21T11:00:00.000Z',
    });
    await calls.update(outbound, { result: 'noanswer', endedAt: '2026-11-21T11:00:30.000Z' });

    const all = await t.http().get('/api/calls').set(auth);
    expect(all.body.total).toBe(3);
    expect(all.body.items[0].id).toBe(outbound);
    const filtered = await t
      .http()
      .get('/api/calls')
      .query({ direction: 'inbound', from: '2026-11-21T00:00:00Z' })
      .set(auth);
    expect(filtered.body.items.map((c: { scenarioId: string }) => c.scenarioId)).toEqual(['b']);
    const byCaller = await t.http().get('/api/calls').query({ caller: '+79990000001' }).set(auth);
    expect(byCaller.body.total).toBe(1);
    expect((await t.http().get(`/api/calls/${outbound}`).set(auth)).body.result).toBe('noanswer');
    expect((await t.http().get('/api/calls').query({ limit: 0 }).set(auth)).status).toBe(400);
  });

  it('lists the samples folder and imports a sample as drafts', async () => {
    const folder = join(t.config.samplesDir, 'parking');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'README.md'), '# Call parking\n\nPark at 710.\n');
    writeFileSync(join(folder, 'parking-main.json'), JSON.stringify(scenarioDoc('parking-main', { name: 'Parking' })));
    writeFileSync(join(folder, 'package.json'), '{"name":"not-a-scenario"}');
    mkdirSync(join(t.config.samplesDir, 'empty-folder'), { recursive: true });

    const list = await t.http().get('/api/samples').set(auth);
    expect(list.body).toEqual([
      {
        name: 'parking',
        title: 'Call parking',
        kind: 'main',
        scenarios: [{ id: 'parking-main', name: 'Parking', kind: 'main', file: 'parking-main.json' }],
      },
    ]);
    const imported = await t.http().post('/api/samples/parking/import').set(auth);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toEqual([{ id: 'parking-main', created: true, revision: 1 }]);
    expect((await t.http().post('/api/samples/..%2F..%2Fetc/import').set(auth)).status).toBe(400);
    expect((await t.http().post('/api/samples/nope/import').set(auth)).status).toBe(404);
  });

  // Last: it empties the schema under the running app.
  it('can revert the migrations and apply them again', async () => {
    const dataSource = t.app.get(DataSource);
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    await expect(dataSource.query('SELECT COUNT(*) AS n FROM scenarios')).rejects.toThrow();
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM scenarios')).toHaveLength(1);
  });
});
