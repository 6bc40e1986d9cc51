import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, startTestApp, type TestApp } from '../testing/test-app.js';
import { scenarioDoc } from '../testing/test-catalog.js';

describe.each(TEST_DATABASES)('routing API on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp(database);
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    await t
      .http()
      .post('/api/scenarios')
      .set(auth)
      .send({ document: scenarioDoc('office') })
      .expect(201);
    await t
      .http()
      .post('/api/scenarios')
      .set(auth)
      .send({ document: scenarioDoc('night') })
      .expect(201);
    await t
      .http()
      .post('/api/scenarios')
      .set(auth)
      .send({ document: scenarioDoc('callback-ivr', { kind: 'ivr' }) })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('binds number patterns to main scenarios only', async () => {
    const ok = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({ name: 'Office', matchType: 'prefix', pattern: '8800', scenarioId: 'office', priority: 10 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      name: 'Office',
      matchType: 'prefix',
      pattern: '8800',
      priority: 10,
      enabled: true,
      overlaps: [],
    });
    const ivr = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({ name: 'Wrong', matchType: 'exact', pattern: '1', scenarioId: 'callback-ivr' });
    expect(ivr.status).toBe(400);
    expect(ivr.body.message).toMatch(/must be main/);
    const missing = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({ name: 'Wrong', matchType: 'exact', pattern: '1', scenarioId: 'nope' });
    expect(missing.status).toBe(400);
  });

  it('reports overlapping patterns on both routes', async () => {
    const night = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({
        name: 'Night',
        matchType: 'regex',
        pattern: '8800\\d+',
        scenarioId: 'night',
        priority: 20,
        timeConditions: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '20:00', to: '08:00' }],
        timeZone: 'Europe/Moscow',
      });
    expect(night.status).toBe(201);
    expect(night.body.overlaps).toEqual([{ routeId: expect.any(String), name: 'Office', samePriority: false }]);
    const list = await t.http().get('/api/routes').set(auth);
    expect(list.body.map((r: { name: string }) => r.name)).toEqual(['Night', 'Office']);
    expect(list.body[1].overlaps).toEqual([{ routeId: night.body.id, name: 'Night', samePriority: false }]);
  });

  it('resolves a number to a route by priority and time window', async () => {
    // 2026-11-23 22:00 in Moscow is 19:00 UTC: the night route wins; at noon the office one.
    const atNight = await t
      .http()
      .get('/api/routes/resolve')
      .query({ number: '88001234', at: '2026-11-23T19:00:00Z' })
      .set(auth);
    expect(atNight.body.route.name).toBe('Night');
    const atNoon = await t
      .http()
      .get('/api/routes/resolve')
      .query({ number: '88001234', at: '2026-11-23T09:00:00Z' })
      .set(auth);
    expect(atNoon.body.route.name).toBe('Office');
    const nowhere = await t.http().get('/api/routes/resolve').query({ number: '123' }).set(auth);
    expect(nowhere.body.route).toBeNull();
  });

  it('updates and deletes routes', async () => {
    const list = await t.http().get('/api/routes').set(auth);
    const office = list.body.find((r: { name: string }) => r.name === 'Office');
    const updated = await t
      .http()
      .put(`/api/routes/${office.id}`)
      .set(auth)
      .send({ name: 'Office', matchType: 'exact', pattern: '100', scenarioId: 'office', enabled: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ matchType: 'exact', pattern: '100', enabled: false, overlaps: [] });
    await t.http().delete(`/api/routes/${office.id}`).set(auth).expect(204);
    expect((await t.http().get(`/api/routes/${office.id}`).set(auth)).status).toBe(404);
  });

  it('refuses to turn a routed scenario into another kind', async () => {
    const draft = await t.http().get('/api/scenarios/night').set(auth);
    const changed = await t
      .http()
      .put('/api/scenarios/night/draft')
      .set(auth)
      .send({ document: { ...draft.body.document, kind: 'ivr' }, revision: draft.body.revision });
    expect(changed.status).toBe(409);
    expect(changed.body.referencedBy).toEqual([{ type: 'route', id: expect.any(String), name: 'Night' }]);
  });

  it('checks time conditions and time zones', async () => {
    const bad = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({
        name: 'Bad',
        matchType: 'exact',
        pattern: '5',
        scenarioId: 'office',
        timeConditions: [{ days: [8], from: '25:00', to: '08:00' }],
        timeZone: 'Mars/Olympus',
      });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/timeConditions\.0\.days\.0/);
    expect(bad.body.message).toMatch(/timeConditions\.0\.from/);
    expect(bad.body.message).toMatch(/timeZone/);
  });

  it('keeps parking lots apart: park number, slot range, no shared numbers', async () => {
    const lot = await t
      .http()
      .post('/api/parking-lots')
      .set(auth)
      .send({ name: 'Lobby', parkNumber: '710', slotFrom: 711, slotTo: 715 });
    expect(lot.status).toBe(201);
    expect(lot.body).toMatchObject({ parkNumber: '710', slotFrom: 711, slotTo: 715, timeoutSeconds: 120 });
    const clash = await t
      .http()
      .post('/api/parking-lots')
      .set(auth)
      .send({ name: 'Other', parkNumber: '720', slotFrom: 714, slotTo: 719 });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/714, 715 already belong to parking lot Lobby/);
    const inverted = await t
      .http()
      .post('/api/parking-lots')
      .set(auth)
      .send({ name: 'Upside', parkNumber: '730', slotFrom: 739, slotTo: 731 });
    expect(inverted.status).toBe(400);
    const parkInSlots = await t
      .http()
      .post('/api/parking-lots')
      .set(auth)
      .send({ name: 'Inside', parkNumber: '742', slotFrom: 740, slotTo: 745 });
    expect(parkInSlots.status).toBe(400);
    expect(parkInSlots.body.message).toMatch(/parkNumber: must not be one of the slots/);
  });

  it('tells park from pickup by the dialed number', async () => {
    const park = await t.http().get('/api/routes/resolve').query({ number: '710' }).set(auth);
    expect(park.body.parking).toMatchObject({ lotName: 'Lobby', action: 'park', slot: null });
    const pickup = await t.http().get('/api/routes/resolve').query({ number: '713' }).set(auth);
    expect(pickup.body.parking).toMatchObject({ lotName: 'Lobby', action: 'pickup', slot: 713 });
    expect((await t.http().get('/api/routes/resolve').query({ number: '716' }).set(auth)).body.parking).toBeNull();
  });

  it('warns when a route catches a parking number', async () => {
    const route = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({ name: 'Sevens', matchType: 'prefix', pattern: '71', scenarioId: 'office' });
    expect(route.body.parkingConflicts).toEqual(['matches numbers of parking lot Lobby']);
  });

  it('manages callback numbers bound to IVR scenarios', async () => {
    const created = await t
      .http()
      .post('/api/callback-numbers')
      .set(auth)
      .send({ number: '+74950000000', scenarioId: 'callback-ivr', gateway: 'gsm-1' });
    expect(created.status).toBe(201);
    expect((await t.http().post('/api/callback-numbers').set(auth).send({ number: '+74950000000' })).status).toBe(409);
    expect(
      (await t.http().post('/api/callback-numbers').set(auth).send({ number: '+74950000001', scenarioId: 'office' }))
        .status,
    ).toBe(400);
    const updated = await t
      .http()
      .put(`/api/callback-numbers/${created.body.id}`)
      .set(auth)
      .send({ number: '+74950000002', scenarioId: null });
    expect(updated.body).toMatchObject({ number: '+74950000002', scenarioId: null, gateway: null });
    const list = await t.http().get('/api/callback-numbers').set(auth);
    expect(list.body).toHaveLength(1);
    await t.http().delete(`/api/callback-numbers/${created.body.id}`).set(auth).expect(204);
  });
});
