import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, startTestApp, type TestApp } from './testing/test-app.js';
import { scenarioDoc } from './testing/test-catalog.js';

/** Bad input gets 4xx with a clear message, and the database is exactly as before. */
describe.each(TEST_DATABASES)('bad input on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  const snapshot = async () => {
    const [scenarios, routes, connections, users, lots] = await Promise.all(
      ['/api/scenarios', '/api/routes', '/api/connections', '/api/users', '/api/parking-lots'].map((url) =>
        t.http().get(url).set(auth),
      ),
    );
    return [scenarios, routes, connections, users, lots].map((r) => r!.body as unknown);
  };

  beforeAll(async () => {
    t = await startTestApp(database);
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    await t
      .http()
      .post('/api/scenarios')
      .set(auth)
      .send({ document: scenarioDoc('main-line') })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases: {
    name: string;
    send: () => Promise<{ status: number; body: Record<string, unknown> }>;
    status: number;
    message: RegExp;
  }[] = [
    {
      name: 'malformed JSON',
      send: () => t.http().post('/api/routes').set(auth).set('Content-Type', 'application/json').send('{"name": "x",'),
      status: 400,
      message: /Malformed JSON/,
    },
    {
      name: 'a wrong type',
      send: () =>
        t
          .http()
          .post('/api/routes')
          .set(auth)
          .send({ name: 'A', matchType: 'exact', pattern: '100', scenarioId: 'main-line', priority: 'high' }),
      status: 400,
      message: /priority: .*number/,
    },
    {
      name: 'an unknown field',
      send: () =>
        t
          .http()
          .post('/api/routes')
          .set(auth)
          .send({ name: 'A', matchType: 'exact', pattern: '100', scenarioId: 'main-line', isAdmin: true }),
      status: 400,
      message: /isAdmin/,
    },
    {
      name: 'an oversized body',
      send: () =>
        t
          .http()
          .post('/api/scenarios')
          .set(auth)
          .send({ document: { ...scenarioDoc('huge'), description: 'x'.repeat(400 * 1024) } }),
      status: 413,
      message: /larger than the limit/,
    },
    {
      name: 'SQL metacharacters in a connection name',
      send: () =>
        t
          .http()
          .post('/api/connections')
          .set(auth)
          .send({
            name: "shop'; DROP TABLE users;--",
            type: 'sql',
            driver: 'sqlite',
            settings: { file: 'shop.sqlite' },
          }),
      status: 400,
      message: /name: must be 1-64 letters/,
    },
    {
      name: 'SQL metacharacters in a route name',
      send: () =>
        t
          .http()
          .post('/api/routes')
          .set(auth)
          .send({ name: "x' OR '1'='1", matchType: 'exact', pattern: '100', scenarioId: 'main-line' }),
      status: 400,
      message: /name: must not contain/,
    },
    {
      name: 'SQL metacharacters in a user name',
      send: () =>
        t
          .http()
          .post('/api/users')
          .set(auth)
          .send({ username: 'bob"; DELETE FROM users', password: 'long-enough-1', role: 'viewer' }),
      status: 400,
      message: /username/,
    },
    {
      name: 'SQL metacharacters in a scenario id',
      send: () =>
        t
          .http()
          .post('/api/scenarios')
          .set(auth)
          .send({ document: scenarioDoc("x'; DROP TABLE scenarios;--") }),
      status: 400,
      message: /document: id: must be 1-64 lower-case/,
    },
    {
      name: 'a number pattern that is not a number',
      send: () =>
        t
          .http()
          .post('/api/routes')
          .set(auth)
          .send({ name: 'A', matchType: 'prefix', pattern: "1' OR 1=1", scenarioId: 'main-line' }),
      status: 400,
      message: /pattern: must be 1-32 digits/,
    },
    {
      name: 'a broken regular expression',
      send: () =>
        t
          .http()
          .post('/api/routes')
          .set(auth)
          .send({ name: 'A', matchType: 'regex', pattern: '(71[0-', scenarioId: 'main-line' }),
      status: 400,
      message: /not a valid regular expression/,
    },
    {
      name: 'a body that is not an object',
      send: () => t.http().put('/api/scenarios/main-line/draft').set(auth).send([1, 2, 3]),
      status: 400,
      message: /Invalid input/,
    },
    {
      name: 'a scenario document that is not a scenario',
      send: () =>
        t
          .http()
          .post('/api/scenarios')
          .set(auth)
          .send({ document: { hello: 'world' } }),
      status: 400,
      message: /document/,
    },
    {
      name: 'a bad id in the URL',
      send: () => t.http().get('/api/routes/..%2F..%2Fetc').set(auth),
      status: 400,
      message: /must be an id/,
    },
  ];

  it.each(cases)('refuses $name with a clear message and changes nothing', async ({ send, status, message }) => {
    const before = await snapshot();
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String) });
    expect(String(response.body.message)).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const response = await t.http().get('/api/nothing-here').set(auth);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
