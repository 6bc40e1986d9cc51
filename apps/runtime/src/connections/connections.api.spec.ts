import { createServer, type Server } from 'node:net';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { TEST_DATABASES, startTestApp, type TestApp } from '../testing/test-app.js';

const SECRET = 'Sup3r-Secret-Passw0rd!';

describe.each(TEST_DATABASES)('connections API on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp(database);
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  const rawConnectionRows = async () => t.app.get(DataSource).query('SELECT * FROM connections');

  it('stores secrets sealed, returns only which secrets are set, and never logs them', async () => {
    const created = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({
        name: 'crm',
        type: 'sql',
        driver: 'postgres',
        settings: { host: '127.0.0.1', database: 'crm', user: 'ivr' },
        secrets: { password: SECRET },
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'crm', type: 'sql', driver: 'postgres', secretsSet: ['password'] });
    expect(created.body.settings).toEqual({ host: '127.0.0.1', port: 5432, database: 'crm', user: 'ivr', ssl: false });

    for (const response of [
      created,
      await t.http().get('/api/connections').set(auth),
      await t.http().get(`/api/connections/${created.body.id}`).set(auth),
    ]) {
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
    }
    const rows = await rawConnectionRows();
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(String(rows[0].sealed_secrets)).toMatch(/^v1\./);

    const audit = await t.http().get('/api/audit').query({ targetType: 'connections' }).set(auth);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.body)).not.toContain(SECRET);
    expect(t.logs.join('\n')).not.toContain(SECRET);
  });

  it('keeps a secret on update unless it is replaced or cleared', async () => {
    const list = await t.http().get('/api/connections').set(auth);
    const id = list.body.find((c: { name: string }) => c.name === 'crm').id;
    const body = { name: 'crm', type: 'sql', driver: 'postgres', settings: { host: '127.0.0.2', database: 'crm' } };
    const kept = await t.http().put(`/api/connections/${id}`).set(auth).send(body);
    expect(kept.status).toBe(200);
    expect(kept.body.secretsSet).toEqual(['password']);
    expect(kept.body.settings.host).toBe('127.0.0.2');
    const cleared = await t
      .http()
      .put(`/api/connections/${id}`)
      .set(auth)
      .send({ ...body, secrets: { password: null } });
    expect(cleared.body.secretsSet).toEqual([]);
  });

  it('refuses settings that do not fit the driver, and unknown drivers', async () => {
    const wrong = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'mail', type: 'smtp', driver: 'smtp', settings: { host: 'mail.local', from: 'not-an-email' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/settings\.from/);
    const unknown = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'x', type: 'sql', driver: 'oracle', settings: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/no driver oracle/);
    const secretField = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({
        name: 'y',
        type: 'sql',
        driver: 'sqlite',
        settings: { file: 'a.sqlite' },
        secrets: { password: SECRET },
      });
    expect(secretField.status).toBe(400);
    expect(JSON.stringify(secretField.body)).not.toContain(SECRET);
  });

  it('refuses a second connection with the same name', async () => {
    const again = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'crm', type: 'sql', driver: 'sqlite', settings: { file: 'crm.sqlite' } });
    expect(again.status).toBe(409);
  });

  it('really opens a SQLite database in the data folder, and reports a missing one', async () => {
    const file = join(t.config.dataDir, 'shop.sqlite');
    new Database(file).close();
    const created = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'shop', type: 'sql', driver: 'sqlite', settings: { file: 'shop.sqlite' } });
    const tested = await t.http().post(`/api/connections/${created.body.id}/test`).set(auth);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, check: 'query' });
    expect(tested.body.message).toMatch(/SQLite 3\./);

    const missing = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'ghost', type: 'sql', driver: 'sqlite', settings: { file: 'ghost.sqlite' } });
    const failed = await t.http().post(`/api/connections/${missing.body.id}/test`).set(auth);
    expect(failed.body.ok).toBe(false);
  });

  it('refuses SQLite paths outside the data folder', async () => {
    const escape = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'escape', type: 'sql', driver: 'sqlite', settings: { file: '../../etc/passwd' } });
    expect(escape.status).toBe(400);
  });

  it.runIf(process.env.TEST_POSTGRES_URL)(
    'really connects to PostgreSQL, and reports a refused login without leaking the password',
    async () => {
      const url = new URL(process.env.TEST_POSTGRES_URL!);
      const settings = {
        host: url.hostname,
        port: Number(url.port || 5432),
        database: url.pathname.slice(1),
        user: decodeURIComponent(url.username),
      };
      const good = await t
        .http()
        .post('/api/connections')
        .set(auth)
        .send({ name: 'pg-ok', type: 'sql', driver: 'postgres', settings });
      const ok = await t.http().post(`/api/connections/${good.body.id}/test`).set(auth);
      expect(ok.body).toMatchObject({ ok: true, check: 'query' });
      expect(ok.body.message).toMatch(/PostgreSQL/);

      const bad = await t
        .http()
        .post('/api/connections')
        .set(auth)
        .send({
          name: 'pg-bad',
          type: 'sql',
          driver: 'postgres',
          settings: { ...settings, database: 'no_such_db_here' },
          secrets: { password: SECRET },
        });
      const refused = await t.http().post(`/api/connections/${bad.body.id}/test`).set(auth);
      expect(refused.body.ok).toBe(false);
      expect(JSON.stringify(refused.body)).not.toContain(SECRET);
    },
  );

  it.runIf(process.env.TEST_MARIADB_URL)('really connects to MariaDB / MySQL', async () => {
    const url = new URL(process.env.TEST_MARIADB_URL!);
    const settings = {
      host: url.hostname,
      port: Number(url.port || 3306),
      database: url.pathname.slice(1),
      user: decodeURIComponent(url.username),
    };
    const created = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'maria', type: 'sql', driver: 'mysql', settings });
    const tested = await t.http().post(`/api/connections/${created.body.id}/test`).set(auth);
    expect(tested.body).toMatchObject({ ok: true, check: 'query' });
    expect(tested.body.message).toMatch(/MariaDB|\d+\.\d+/);
  });

  it('tries an SMTP handshake (nodemailer verify) and reports a server that does not speak SMTP', async () => {
    const silent: Server = createServer((socket) => socket.end('500 not smtp\r\n'));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const created = await t
        .http()
        .post('/api/connections')
        .set(auth)
        .send({
          name: 'mail',
          type: 'smtp',
          driver: 'smtp',
          settings: { host: '127.0.0.1', port, from: 'ivr@example.com', user: 'ivr' },
          secrets: { password: SECRET },
        });
      expect(created.status).toBe(201);
      const tested = await t.http().post(`/api/connections/${created.body.id}/test`).set(auth);
      expect(tested.body).toMatchObject({ ok: false, check: 'smtp-verify' });
      expect(JSON.stringify(tested.body)).not.toContain(SECRET);
    } finally {
      silent.close();
    }
  });

  it('tests an HTTP connection against a local server, sending nothing secret in the result', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const server = createHttpServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const created = await t
        .http()
        .post('/api/connections')
        .set(auth)
        .send({
          name: 'crm-api',
          type: 'http',
          driver: 'http',
          settings: { baseUrl: `http://127.0.0.1:${port}/api/` },
          secrets: { authorization: `Bearer ${SECRET}` },
        });
      expect(created.status).toBe(201);
      expect(created.body.settings).toEqual({ baseUrl: `http://127.0.0.1:${port}/api/`, headers: {} });
      const tested = await t.http().post(`/api/connections/${created.body.id}/test`).set(auth);
      expect(tested.body).toMatchObject({ ok: true, check: 'http-request', message: 'the server answered HTTP 204' });
    } finally {
      server.close();
    }
  });

  it('stores payment processor connections with the payments module settings', async () => {
    const sandbox = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'pay-sandbox', type: 'payment', driver: 'sandbox', settings: {}, secrets: { apiKey: SECRET } });
    expect(sandbox.status).toBe(201);
    expect(sandbox.body).toMatchObject({ settings: { merchantId: 'sandbox' }, secretsSet: ['apiKey'] });
    const tested = await t.http().post(`/api/connections/${sandbox.body.id}/test`).set(auth);
    expect(tested.body).toMatchObject({ ok: true, check: 'none' });
    const bad = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({ name: 'pay-bad', type: 'payment', driver: 'https-json', settings: { url: 'ftp://x' } });
    expect(bad.status).toBe(400);
  });

  it('describes the drivers for the designer, with secret fields named apart', async () => {
    const kinds = await t.http().get('/api/connections/kinds').set(auth);
    const postgres = kinds.body.find(
      (k: { type: string; driver: string }) => k.type === 'sql' && k.driver === 'postgres',
    );
    expect(postgres.secretFields).toEqual(['password']);
    expect(postgres.settingsJsonSchema.properties.host).toBeDefined();
  });

  it('never writes a secret to the log, whatever happened above', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    expect(t.logs.join('\n')).not.toContain(SECRET);
  });
});
