import { catalog } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelephonyService } from '../telephony/telephony-service.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

// A draft that was never published: the test-call panel must run it as it is.
const draft = {
  format: 'ivr-scenario/1',
  id: 'support-line',
  name: 'Support line',
  kind: 'main',
  variables: [{ name: 'choice', type: 'string', scope: 'run' }],
  start: 'menu',
  nodes: [
    {
      id: 'menu',
      type: 'menu',
      typeVersion: 1,
      params: { prompt: { tts: 'Press 1 for support.' }, options: [{ key: '1' }], into: 'choice' },
      exits: { 'digit-1': 'agent' },
    },
    {
      id: 'agent',
      type: 'switch-call',
      typeVersion: 1,
      params: { targets: [{ type: 'extension', value: '201' }], continueAfterBridge: true },
      exits: { answered: 'bye', busy: 'busy' },
    },
    {
      id: 'busy',
      type: 'play',
      typeVersion: 1,
      params: { prompt: { tts: 'All agents are busy.' } },
      exits: { ok: 'bye' },
    },
    { id: 'bye', type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} },
  ],
  layout: {},
};

describe('test calls from the designer', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp('sqlite', { catalog });
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    expect((await t.http().post('/api/scenarios').set(auth).send({ document: draft })).status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  async function waitFor(callId: string, check: (history: Record<string, unknown>) => boolean) {
    for (let i = 0; i < 100; i += 1) {
      const history = (await t.http().get(`/api/test-calls/${callId}`).set(auth)).body;
      if (check(history)) return history;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`test call ${callId} never got there`);
  }

  it('runs the unpublished draft, takes keys from the keypad and bridges to a scripted endpoint', async () => {
    expect(
      (await t.http().put('/api/test-calls/endpoints').set(auth).send({ number: '201', outcome: 'busy' })).status,
    ).toBe(204);
    const placed = await t
      .http()
      .post('/api/test-calls')
      .set(auth)
      .send({ scenarioId: 'support-line', version: 'draft' });
    expect(placed.status).toBe(201);
    const { callId } = placed.body;
    await waitFor(callId, (h) => (h.played as unknown[]).length > 0);
    expect((await t.http().post(`/api/test-calls/${callId}/dtmf`).set(auth).send({ digits: '1' })).status).toBe(204);
    const history = await waitFor(callId, (h) => h.hangupCause !== undefined);
    expect((history.played as Array<{ text?: string }>).map((p) => p.text)).toEqual([
      'Press 1 for support.',
      'All agents are busy.',
    ]);
    expect(history.bridgeFailures).toEqual([expect.objectContaining({ cause: 'USER_BUSY' })]);
    expect(history.digitsPressed).toBeUndefined();
  });

  it('rings a phone through the switch and runs the draft when it answers', async () => {
    const emulator = t.app.get(TelephonyService).embeddedSwitch!.emulator;
    emulator.defineEndpoint({ match: '79995550101', outcome: 'answer', afterSeconds: 0.2, pressDigits: '1' });
    expect(
      (await t.http().put('/api/test-calls/endpoints').set(auth).send({ number: '201', outcome: 'busy' })).status,
    ).toBe(204);
    const placed = await t
      .http()
      .post('/api/test-calls')
      .set(auth)
      .send({ scenarioId: 'support-line', dial: '79995550101' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const history = await waitFor(placed.body.callId, (h) => h.hangupCause !== undefined);
    expect((history.played as Array<{ text?: string }>).map((p) => p.text)).toContain('Press 1 for support.');
    emulator.defineEndpoint({ match: '79995550102', outcome: 'busy' });
    const refused = await t
      .http()
      .post('/api/test-calls')
      .set(auth)
      .send({ scenarioId: 'support-line', dial: '79995550102' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('did not answer the test call: busy');
  });

  it('runs scenario test cases against the drafts and says which pass', async () => {
    const test = [
      'scenarios: [support-line]',
      'cases:',
      '  - name: busy agents are announced',
      '    endpoints: { "201": busy }',
      '    script: [{ hear: Press 1 for support }, { press: "1" }]',
      '    expect: { heard: [All agents are busy] }',
      '  - name: a wrong expectation fails',
      '    endpoints: { "201": busy }',
      '    script: [{ hear: Press 1 for support }, { press: "1" }]',
      '    expect: { heard: [You are connected] }',
    ].join('\n');
    const response = await t.http().post('/api/test-calls/cases').set(auth).send({ test });
    expect(response.status).toBe(200);
    expect(response.body.cases.map((c: { passed: boolean }) => c.passed)).toEqual([true, false]);
    expect(response.body.cases[1].failures[0]).toContain('You are connected');
    const broken = await t.http().post('/api/test-calls/cases').set(auth).send({ test: 'cases: [' });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toContain('not valid YAML');
  });

  it('refuses a draft with errors, a bad key and a viewer', async () => {
    const broken = { ...draft, nodes: draft.nodes.map((n) => (n.id === 'menu' ? { ...n, exits: {} } : n)) };
    await t.http().put('/api/scenarios/support-line/draft').set(auth).send({ document: broken, revision: 1 });
    const refused = await t.http().post('/api/test-calls').set(auth).send({ scenarioId: 'support-line' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('exit-unconnected');
    const badKey = await t
      .http()
      .post(`/api/test-calls/${crypto.randomUUID()}/dtmf`)
      .set(auth)
      .send({ digits: '1; rm' });
    expect(badKey.status).toBe(400);
    const viewer = await t.tokenFor('viewer');
    expect(
      (
        await t
          .http()
          .post('/api/test-calls')
          .set('Authorization', `Bearer ${viewer}`)
          .send({ scenarioId: 'support-line' })
      ).status,
    ).toBe(403);
  });
});
