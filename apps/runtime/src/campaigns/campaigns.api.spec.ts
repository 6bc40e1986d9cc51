import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import ExcelJS from 'exceljs';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../app.module.js';
import { RouteTable } from '../auth/route-table.js';
import { JobsWiring } from '../jobs/jobs-lifecycle.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { connectionsOf, eventually, FakeDialer, FakeRunner } from '../jobs/testing.js';
import { ADMIN_PASSWORD, testConfig } from '../testing/test-app.js';
import { testCatalog } from '../testing/test-catalog.js';
import { writeXlsx } from './campaign-test-data.js';
import { CampaignsModule } from './campaigns.module.js';

/**
 * The runtime with jobs and campaigns: the app module, plus the two modules unless the app module
 * already has them. The fakes are connected the way the runtime connects the engine: JobsWiring.
 */
@Module({})
class WiredRuntime {
  static register(dataDir: string): DynamicModule {
    const config = testConfig(dataDir, { type: 'sqlite', path: join(dataDir, 'db.sqlite') });
    const appModule = AppModule.register({ config, logger: pino({ level: 'silent' }), catalog: testCatalog });
    const has = (module: unknown) =>
      (appModule.imports ?? []).some((m) => m === module || (m as DynamicModule).module === module);
    return {
      module: WiredRuntime,
      imports: [
        appModule,
        ...(has(JobsModule) ? [] : [JobsModule.forRoot({ config: { redisUrl: undefined, pollMs: 20 } })]),
        ...(has(CampaignsModule) ? [] : [CampaignsModule.register({ tickMs: 20 })]),
      ],
    };
  }
}

describe('campaigns and jobs over HTTP', () => {
  let dir: string;
  let app: NestExpressApplication;
  const tokens: Record<string, string> = {};
  const dialer = new FakeDialer((n) => (n.endsWith('1') ? 'answered' : 'busy'));
  const runner = new FakeRunner(() => ({ status: 'completed', result: 'listened to the end', returns: {} }));
  const http = () => request(app.getHttpServer());
  const as = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-campaigns-api-'));
    app = await NestFactory.create<NestExpressApplication>(WiredRuntime.register(dir), {
      bodyParser: false,
      logger: false,
    });
    app.use(express.json());
    await app.init();
    await app.get(JobsWiring).connect(connectionsOf(dialer, runner));
    const login = async (username: string, password: string) =>
      (await http().post('/api/auth/login').send({ username, password })).body.token as string;
    tokens.admin = await login('admin', ADMIN_PASSWORD);
    for (const role of ['scheduler', 'viewer']) {
      await http()
        .post('/api/users')
        .set(as('admin'))
        .send({ username: `${role}-user`, password: `${role}-password-1`, role })
        .expect(201);
      tokens[role] = await login(`${role}-user`, `${role}-password-1`);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('declares campaign writes for schedulers, reads for viewers, job settings for admins, webhooks public', () => {
    const routes = app.get(RouteTable).entries();
    const access = (prefix: string) =>
      routes.filter((r) => r.path.startsWith(prefix)).map((r) => `${r.method} ${r.path} ${r.access}`);
    for (const line of access('/api/campaigns'))
      expect(line).toMatch(line.startsWith('GET ') ? / viewer$/ : / scheduler$/);
    for (const line of access('/api/jobs')) expect(line).toMatch(line.startsWith('GET ') ? / viewer$/ : / admin$/);
    expect(access('/api/hooks')).toEqual(['POST /api/hooks/:id public']);
  });

  it('refuses each of these routes without a session (401) and below its role (403)', async () => {
    const routes = app
      .get(RouteTable)
      .entries()
      .filter((r) => r.path.startsWith('/api/campaigns') || r.path.startsWith('/api/jobs'));
    const call = (method: string, path: string) => {
      const url = path.replace(/:[A-Za-z]+/g, 'x');
      const agent = http();
      return method === 'GET'
        ? agent.get(url)
        : method === 'POST'
          ? agent.post(url)
          : method === 'PUT'
            ? agent.put(url)
            : agent.delete(url);
    };
    const failures: string[] = [];
    for (const route of routes) {
      const anonymous = await call(route.method, route.path);
      if (anonymous.status !== 401) failures.push(`anonymous ${route.method} ${route.path} -> ${anonymous.status}`);
      const below = route.access === 'admin' ? 'scheduler' : route.access === 'scheduler' ? 'viewer' : undefined;
      if (!below) continue;
      const refused = await call(route.method, route.path).set(as(below));
      if (refused.status !== 403) failures.push(`${below} ${route.method} ${route.path} -> ${refused.status}`);
    }
    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(25);
  });

  it('runs a campaign from upload to the results sheet', async () => {
    const file = join(dir, 'list.xlsx');
    await writeXlsx(
      file,
      ['Phone', 'Debt'],
      [
        ['79160000001', 100],
        ['79160000002', 200],
      ],
    );
    await http().post('/api/campaigns').set(as('viewer')).attach('file', file).field('name', 'X').expect(403);
    const notZip = join(dir, 'bad.xlsx');
    writeFileSync(notZip, 'plain text');
    const refused = await http().post('/api/campaigns').set(as('scheduler')).attach('file', notZip).field('name', 'X');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/not an \.xlsx workbook/);

    const created = await http()
      .post('/api/campaigns')
      .set(as('scheduler'))
      .attach('file', file)
      .field('name', 'Debtors')
      .expect(201);
    const id = created.body.campaign.id as string;
    expect(created.body.preview.headers).toEqual(['Phone', 'Debt']);
    await http().post(`/api/campaigns/${id}/start`).set(as('scheduler')).expect(409);
    const prepared = await http()
      .post(`/api/campaigns/${id}/prepare`)
      .set(as('scheduler'))
      .send({
        mapping: { phone: 'Phone', variables: { debt: 'Debt' } },
        settings: {
          scenarioId: 'debt-reminder',
          maxAttempts: 1,
          callsPerSecond: 20,
          windows: [{ from: '00:00', to: '00:00' }],
        },
      })
      .expect(200);
    expect(prepared.body.report).toMatchObject({ contacts: 2 });
    await http().post(`/api/campaigns/${id}/start`).set(as('scheduler')).expect(200);
    await eventually(
      async () => (await http().get(`/api/campaigns/${id}`).set(as('viewer'))).body.status === 'completed',
      20_000,
      'completion',
    );
    const stats = await http().get(`/api/campaigns/${id}/stats`).set(as('viewer')).expect(200);
    expect(stats.body.byResult).toEqual({ 'listened to the end': 1, failed: 1 });

    const download = await http()
      .get(`/api/campaigns/${id}/results`)
      .set(as('viewer'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.body as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Phone', 'Debt', 'Status', 'Result', 'Attempts', 'Last cause']);
    expect(sheet.getRow(2).getCell(4).value).toBe('listened to the end');
    expect(sheet.getRow(3).getCell(4).value).toBe('failed');

    await http()
      .post('/api/campaigns/do-not-call')
      .set(as('scheduler'))
      .send({ numbers: ['79160000003'] })
      .expect(201);
    const dnc = await http().get('/api/campaigns/do-not-call').set(as('viewer')).expect(200);
    expect(dnc.body.map((d: { number: string }) => d.number)).toEqual(['79160000003']);
  }, 60_000);

  it('starts a service scenario from a webhook with its token', async () => {
    await http()
      .post('/api/jobs/triggers')
      .set(as('scheduler'))
      .send({ name: 'CRM', type: 'webhook', scenarioId: 'crm-hook', settings: { auth: 'token' } })
      .expect(403);
    const hook = await http()
      .post('/api/jobs/triggers')
      .set(as('admin'))
      .send({ name: 'CRM', type: 'webhook', scenarioId: 'crm-hook', settings: { auth: 'token' } })
      .expect(201);
    await http().post(`/api/hooks/${hook.body.id}`).send({ order: 1 }).expect(401);
    await http()
      .post(`/api/hooks/${hook.body.id}`)
      .set('Authorization', `Bearer ${hook.body.secret}`)
      .send({ order: 1 })
      .expect(202);
    await eventually(() => runner.runs.some((r) => r.scenarioId === 'crm-hook'), 10_000, 'the webhook run');
  }, 30_000);
});
