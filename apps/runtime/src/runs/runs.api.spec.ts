import { catalog } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelephonyService } from '../telephony/telephony-service.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

// The whole product path: a published scenario, a route, a call on the embedded switch, then the
// CDR and the traced steps through the API.
const greeting = {
  format: 'ivr-scenario/1',
  id: 'greeting',
  name: 'Greeting',
  kind: 'main',
  variables: [{ name: 'choice', type: 'string', scope: 'run' }],
  start: 'hello',
  nodes: [
    {
      id: 'hello',
      type: 'input',
      typeVersion: 1,
      params: {
        prompt: { tts: 'Hello {{ call.callerId }}, press a key.' },
        maxDigits: 1,
        terminators: '',
        into: 'choice',
      },
      exits: { ok: 'bye' },
    },
    {
      id: 'bye',
      type: 'play',
      typeVersion: 1,
      params: { prompt: { tts: 'You pressed {{ choice }}.' } },
      exits: { ok: 'end' },
    },
    { id: 'end', type: 'end', typeVersion: 1, params: { action: 'hangup', result: 'pressed-{{ choice }}' }, exits: {} },
  ],
  layout: {},
};

describe('calls run their routed scenario', () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp('sqlite', { catalog });
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    expect((await t.http().post('/api/scenarios').set(auth).send({ document: greeting })).status).toBe(201);
    expect((await t.http().post('/api/scenarios/greeting/publish').set(auth).send({ note: 'first' })).status).toBe(201);
    const route = await t
      .http()
      .post('/api/routes')
      .set(auth)
      .send({ name: 'Main line', matchType: 'exact', pattern: '100', scenarioId: 'greeting', priority: 10 });
    expect(route.status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('plays the scenario to the caller, writes the CDR and the steps', async () => {
    const emulator = t.app.get(TelephonyService).embeddedSwitch!.emulator;
    const call = emulator.placeCall({ from: '79161234567', to: '100' });
    const played: string[] = [];
    let pressed = false;
    const stop = emulator.onActivity((entry) => {
      if (entry.uuid !== call.uuid || entry.type !== 'play') return;
      played.push(entry.text ?? entry.target);
      if (!pressed && (entry.text ?? '').includes('press a key')) {
        pressed = true;
        void call.pressDigits('7');
      }
    });
    const summary = await call.ended();
    stop();
    expect(played).toEqual(['Hello 79161234567, press a key.', 'You pressed 7.']);
    expect(summary?.hangupCause).toBe('NORMAL_CLEARING');

    let records: { items: Array<Record<string, unknown>> } = { items: [] };
    for (let i = 0; i < 50 && !records.items[0]?.result; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      records = (await t.http().get('/api/calls').set(auth)).body;
    }
    expect(records.items[0]).toMatchObject({
      direction: 'inbound',
      caller: '79161234567',
      callee: '100',
      scenarioId: 'greeting',
      scenarioVersion: 1,
      result: 'pressed-7',
      hangupCause: 'NORMAL_CLEARING',
    });

    const steps = await t.http().get(`/api/calls/${call.uuid}/steps`).set(auth);
    expect(steps.status).toBe(200);
    expect(steps.body.map((s: { nodeId: string; exit: string }) => [s.nodeId, s.exit])).toEqual([
      ['hello', 'ok'],
      ['bye', 'ok'],
      ['end', 'hangup'],
    ]);
    expect(steps.body[0].changed).toEqual({ choice: '7' });
  });

  it('hangs up a call to a number nothing routes', async () => {
    const emulator = t.app.get(TelephonyService).embeddedSwitch!.emulator;
    const summary = await emulator.placeCall({ from: '79161234567', to: '555' }).ended();
    expect(summary?.hangupCause).toBe('UNALLOCATED_NUMBER');
  });
});
