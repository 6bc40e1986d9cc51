import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, startTestApp, type TestApp } from '../testing/test-app.js';
import { scenarioDoc } from '../testing/test-catalog.js';

describe.each(TEST_DATABASES)('scenarios API on %s', (database) => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp(database);
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (doc: object) => t.http().post('/api/scenarios').set(auth).send({ document: doc });

  it('creates a scenario from a document and refuses the same id twice', async () => {
    const created = await create(scenarioDoc('greeting', { name: 'Greeting' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'greeting',
      name: 'Greeting',
      kind: 'main',
      liveVersion: null,
      revision: 1,
      updatedBy: 'admin',
    });
    const again = await create(scenarioDoc('greeting'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('lists with search and returns the draft', async () => {
    await create(scenarioDoc('order-status', { name: 'Order status' }));
    const list = await t.http().get('/api/scenarios').query({ search: 'order' }).set(auth);
    expect(list.status).toBe(200);
    expect(list.body.map((s: { id: string }) => s.id)).toEqual(['order-status']);
    const one = await t.http().get('/api/scenarios/order-status').set(auth);
    expect(one.body).toMatchObject({
      id: 'order-status',
      revision: 1,
      liveVersion: null,
      document: { id: 'order-status', kind: 'main' },
    });
    expect((await t.http().get('/api/scenarios/nope').set(auth)).status).toBe(404);
  });

  it('saves drafts with optimistic locking: a stale revision gets 409 with the current state', async () => {
    await create(scenarioDoc('locking'));
    const first = await t
      .http()
      .put('/api/scenarios/locking/draft')
      .set(auth)
      .send({ document: scenarioDoc('locking', { text: 'v2' }), revision: 1 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ revision: 2 });
    const stale = await t
      .http()
      .put('/api/scenarios/locking/draft')
      .set(auth)
      .send({ document: scenarioDoc('locking', { text: 'v3' }), revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentRevision).toBe(2);
    expect(stale.body.document.nodes[0].params.tts).toBe('v2');
    expect(stale.body.message).toMatch(/changed by admin/);
  });

  it('lets exactly one of several concurrent edits of one draft win', async () => {
    await create(scenarioDoc('race'));
    const attempts = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        t
          .http()
          .put('/api/scenarios/race/draft')
          .set(auth)
          .send({ document: scenarioDoc('race', { text: `edit ${n}` }), revision: 1 }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = attempts.findIndex((a) => a.status === 200);
    const stored = await t.http().get('/api/scenarios/race').set(auth);
    expect(stored.body.revision).toBe(2);
    expect(stored.body.document.nodes[0].params.tts).toBe(`edit ${winner + 1}`);
  });

  it('gives concurrent publishes distinct versions, never a server error', async () => {
    await create(scenarioDoc('busy'));
    await create(scenarioDoc('busy-too'));
    const results = await Promise.all([
      ...[1, 2, 3].map((n) =>
        t
          .http()
          .post('/api/scenarios/busy/publish')
          .set(auth)
          .send({ note: `p${n}` }),
      ),
      ...[1, 2, 3].map((n) =>
        t
          .http()
          .post('/api/scenarios/busy-too/publish')
          .set(auth)
          .send({ note: `q${n}` }),
      ),
    ]);
    for (const result of results) expect([201, 409]).toContain(result.status);
    for (const id of ['busy', 'busy-too']) {
      const versions = await t.http().get(`/api/scenarios/${id}/versions`).set(auth);
      const numbers = versions.body.map((v: { version: number }) => v.version).sort();
      expect(numbers).toEqual([...new Set(numbers)]);
      expect(numbers.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a draft whose id differs from the URL', async () => {
    const response = await t
      .http()
      .put('/api/scenarios/greeting/draft')
      .set(auth)
      .send({ document: scenarioDoc('other'), revision: 1 });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/document.id is other/);
  });

  it('validates the draft or a given document with the shared validator', async () => {
    const ok = await t.http().post('/api/scenarios/greeting/validate').set(auth).send();
    expect(ok.status).toBe(200);
    expect(ok.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const broken = { ...scenarioDoc('greeting'), start: 'missing-node' };
    const bad = await t.http().post('/api/scenarios/greeting/validate').set(auth).send({ document: broken });
    expect(
      bad.body.diagnostics.some(
        (d: { severity: string; path: string }) => d.severity === 'error' && typeof d.path === 'string',
      ),
    ).toBe(true);
  });

  it('refuses to publish a draft with errors (422 with diagnostics) and publishes a clean one', async () => {
    const broken = {
      ...scenarioDoc('publishing'),
      nodes: [{ id: 'hello', type: 'no-such-component', typeVersion: 1, params: {}, exits: {} }],
      start: 'hello',
    };
    await create(broken);
    const refused = await t.http().post('/api/scenarios/publishing/publish').set(auth).send({ note: 'first' });
    expect(refused.status).toBe(422);
    expect(refused.body.diagnostics.length).toBeGreaterThan(0);
    expect((await t.http().get('/api/scenarios/publishing/versions').set(auth)).body).toEqual([]);

    await t
      .http()
      .put('/api/scenarios/publishing/draft')
      .set(auth)
      .send({ document: scenarioDoc('publishing', { text: 'one' }), revision: 1 });
    const published = await t
      .http()
      .post('/api/scenarios/publishing/publish')
      .set(auth)
      .send({ note: 'first release' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, note: 'first release', publishedBy: 'admin' });
    expect(published.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(published.body.publishedAt)).not.toBeNaN();

    await t
      .http()
      .put('/api/scenarios/publishing/draft')
      .set(auth)
      .send({ document: scenarioDoc('publishing', { text: 'two' }), revision: 2 });
    const second = await t.http().post('/api/scenarios/publishing/publish').set(auth).send({ note: 'second' });
    expect(second.body.version).toBe(2);
    expect(second.body.checksum).not.toBe(published.body.checksum);

    const versions = await t.http().get('/api/scenarios/publishing/versions').set(auth);
    expect(versions.body.map((v: { version: number; live: boolean }) => [v.version, v.live])).toEqual([
      [2, true],
      [1, false],
    ]);
    const v1 = await t.http().get('/api/scenarios/publishing/versions/1').set(auth);
    expect(v1.body).toMatchObject({ version: 1, note: 'first release', live: false });
    expect(v1.body.document.nodes[0].params.tts).toBe('one');
    expect((await t.http().get('/api/scenarios/publishing/versions/9').set(auth)).status).toBe(404);
  });

  it('keeps published versions immutable when the draft changes', async () => {
    const current = await t.http().get('/api/scenarios/publishing').set(auth);
    await t
      .http()
      .put('/api/scenarios/publishing/draft')
      .set(auth)
      .send({ document: scenarioDoc('publishing', { text: 'three' }), revision: current.body.revision });
    const v2 = await t.http().get('/api/scenarios/publishing/versions/2').set(auth);
    expect(v2.body.document.nodes[0].params.tts).toBe('two');
  });

  it('diffs two versions, or a version and the draft', async () => {
    const diff = await t.http().get('/api/scenarios/publishing/diff').query({ from: 1, to: 2 }).set(auth);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({
      added: [],
      removed: [],
      changed: [{ nodeId: 'hello', paths: ['params.tts'] }],
      meta: [],
    });
    const toDraft = await t.http().get('/api/scenarios/publishing/diff').query({ from: 1, to: 'draft' }).set(auth);
    expect(toDraft.body.changed).toEqual([{ nodeId: 'hello', paths: ['params.tts'] }]);
    expect((await t.http().get('/api/scenarios/publishing/diff').query({ from: 'x' }).set(auth)).status).toBe(400);
  });

  it('rolls the live pointer back to an earlier version', async () => {
    const rolled = await t.http().post('/api/scenarios/publishing/rollback').set(auth).send({ version: 1 });
    expect(rolled.status).toBe(200);
    expect(rolled.body).toEqual({ liveVersion: 1 });
    const summary = await t.http().get('/api/scenarios/publishing').set(auth);
    expect(summary.body.liveVersion).toBe(1);
    expect((await t.http().post('/api/scenarios/publishing/rollback').set(auth).send({ version: 42 })).status).toBe(
      404,
    );
  });

  it('exports one scenario or a bundle with what it calls, and imports them back', async () => {
    await create(scenarioDoc('helper', { kind: 'ivr' }));
    await create(scenarioDoc('caller', { calls: 'helper' }));
    const single = await t.http().get('/api/scenarios/caller/export').set(auth);
    expect(single.status).toBe(200);
    expect(single.headers['content-disposition']).toContain('caller.json');
    expect(single.body.id).toBe('caller');

    const bundle = await t.http().get('/api/scenarios/caller/export').query({ bundle: 1 }).set(auth);
    expect(bundle.body.format).toBe('ivr-bundle/1');
    expect(bundle.body.scenarios.map((s: { id: string }) => s.id)).toEqual(['caller', 'helper']);

    const renamed = bundle.body.scenarios.map((s: { id: string; name: string }) => ({
      ...s,
      name: `${s.name} (imported)`,
    }));
    const imported = await t
      .http()
      .post('/api/scenarios/import')
      .set(auth)
      .send({ bundle: { ...bundle.body, scenarios: renamed } });
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toEqual([
      { id: 'caller', created: false, revision: 2 },
      { id: 'helper', created: false, revision: 2 },
    ]);
    const fresh = await t
      .http()
      .post('/api/scenarios/import')
      .set(auth)
      .send({ document: scenarioDoc('brand-new') });
    expect(fresh.body.imported).toEqual([{ id: 'brand-new', created: true, revision: 1 }]);
  });

  it('imports all or nothing', async () => {
    const before = await t.http().get('/api/scenarios').set(auth);
    const response = await t
      .http()
      .post('/api/scenarios/import')
      .set(auth)
      .send({
        bundle: {
          format: 'ivr-bundle/1',
          scenarios: [scenarioDoc('would-be-new'), { format: 'ivr-scenario/1', id: 'BAD ID', name: 'x', kind: 'main' }],
        },
      });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/scenarios\[1\]/);
    expect((await t.http().get('/api/scenarios').set(auth)).body).toEqual(before.body);
  });

  it('refuses to delete a scenario another scenario or a route uses, and deletes it once free', async () => {
    const used = await t.http().delete('/api/scenarios/helper').set(auth);
    expect(used.status).toBe(409);
    expect(used.body.referencedBy).toEqual([{ type: 'scenario', id: 'caller', name: 'Scenario caller (imported)' }]);

    const route = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({ name: 'Main line', matchType: 'exact', pattern: '1000', scenarioId: 'caller' });
    expect(route.status).toBe(201);
    const routed = await t.http().delete('/api/scenarios/caller').set(auth);
    expect(routed.status).toBe(409);
    expect(routed.body.referencedBy).toEqual([{ type: 'route', id: route.body.id, name: 'Main line' }]);

    await t.http().delete(`/api/routes/${route.body.id}`).set(auth).expect(204);
    await t.http().delete('/api/scenarios/caller').set(auth).expect(204);
    await t.http().delete('/api/scenarios/helper').set(auth).expect(204);
    expect((await t.http().get('/api/scenarios/helper').set(auth)).status).toBe(404);
  });

  it('deletes a published scenario with its versions', async () => {
    await t.http().delete('/api/scenarios/publishing').set(auth).expect(204);
    expect((await t.http().get('/api/scenarios/publishing/versions').set(auth)).status).toBe(404);
  });
});
