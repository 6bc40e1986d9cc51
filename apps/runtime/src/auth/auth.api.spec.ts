import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, TEST_DATABASES, startTestApp, type TestApp } from '../testing/test-app.js';

describe.each(TEST_DATABASES)('auth and users API on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp(database, { config: { loginRateLimit: { maxFailures: 3, windowSeconds: 60 } } });
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the first admin from config and signs in with a JWT', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ id: expect.any(String), username: 'admin', role: 'admin' });
    expect(login.body.token.split('.')).toHaveLength(3);
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${login.body.token}`);
    expect(me.body).toEqual(login.body.user);
  });

  it('refuses a wrong password or an unknown user alike (401)', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'nope' });
    const unknown = await t.http().post('/api/auth/login').send({ username: 'ghost', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('rate-limits failed sign-ins per user and address (429), and records them in the audit log', async () => {
    for (let i = 0; i < 3; i++)
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'target', password: `guess-${i}` })
        .expect(401);
    const limited = await t.http().post('/api/auth/login').send({ username: 'target', password: 'another-guess' });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/Too many failed sign-ins/);
    const audit = await t.http().get('/api/audit').query({ action: 'auth.loginFailed', actor: 'target' }).set(auth);
    expect(audit.body.total).toBe(3);
  });

  it('manages users with roles; the new user signs in with the role given', async () => {
    const created = await t
      .http()
      .post('/api/users')
      .set(auth)
      .send({ username: 'olga', password: 'olga-password', role: 'scheduler' });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const login = await t.http().post('/api/auth/login').send({ username: 'olga', password: 'olga-password' });
    expect(login.body.user.role).toBe('scheduler');
    const promoted = await t.http().put(`/api/users/${created.body.id}`).set(auth).send({ role: 'admin' });
    expect(promoted.body.role).toBe('admin');
    // The role is read per request, so the old token now carries admin rights.
    expect((await t.http().get('/api/users').set('Authorization', `Bearer ${login.body.token}`)).status).toBe(200);
    const list = await t.http().get('/api/users').set(auth);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
    await t.http().delete(`/api/users/${created.body.id}`).set(auth).expect(204);
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${login.body.token}`)).status).toBe(401);
  });

  it('keeps at least one admin and refuses weak passwords', async () => {
    const me = await t.http().get('/api/auth/me').set(auth);
    const demote = await t.http().put(`/api/users/${me.body.id}`).set(auth).send({ role: 'viewer' });
    expect(demote.status).toBe(409);
    expect((await t.http().delete(`/api/users/${me.body.id}`).set(auth)).status).toBe(409);
    const weak = await t
      .http()
      .post('/api/users')
      .set(auth)
      .send({ username: 'weak', password: 'short', role: 'viewer' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/password: must be at least 8/);
  });

  it('audits every change with who, what and when, and never a password', async () => {
    await t
      .http()
      .post('/api/users')
      .set(auth)
      .send({ username: 'audited', password: 'audited-password', role: 'viewer' })
      .expect(201);
    const audit = await t.http().get('/api/audit').query({ action: 'users.create' }).set(auth);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      action: 'users.create',
      targetType: 'users',
      targetId: expect.any(String),
    });
    expect(Date.parse(audit.body.items[0].at)).not.toBeNaN();
    const all = await t.http().get('/api/audit').query({ limit: 500 }).set(auth);
    expect(JSON.stringify(all.body)).not.toContain('audited-password');
    expect(t.logs.join('\n')).not.toContain('audited-password');
    expect(t.logs.join('\n')).not.toContain(ADMIN_PASSWORD);
  });
});
