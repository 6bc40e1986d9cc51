import { catalog } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelephonyService } from '../telephony/telephony-service.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

// Jobs through the real engine and the embedded switch: a callback dials, the IVR plays to whoever answers;
// a service scenario started by the API dials out itself.
const survey = {
  format: 'ivr-scenario/1',
  id: 'callback-survey',
  name: 'Callback survey',
  kind: 'ivr',
  params: [{ name: 'name', type: 'string' }],
  start: 'hello',
  nodes: [
    {
      id: 'hello',
      type: 'play',
      typeVersion: 1,
      params: { prompt: { tts: 'Hello {{ name }}, we call you back.' } },
      exits: { ok: 'end' },
    },
    { id: 'end', type: 'end', typeVersion: 1, params: { action: 'hangup', result: 'told' }, exits: {} },
  ],
  layout: {},
};
const reminder = {
  format: 'ivr-scenario/1',
  id: 'reminder',
  name: 'Reminder',
  kind: 'service',
  params: [{ name: 'phone', type: 'string' }],
  start: 'dial',
  nodes: [
    {
      id: 'dial',
      type: 'dial',
      typeVersion: 1,
      params: { target: { value: '{{ phone }}' } },
      exits: { answered: 'say' },
    },
    {
      id: 'say',
      type: 'play',
      typeVersion: 1,
      params: { prompt: { tts: 'Your appointment is tomorrow.' } },
      exits: { ok: 'end' },
    },
    { id: 'end', type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} },
  ],
  layout: {},
};

describe('jobs on the switch', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  const heard: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { catalog });
    auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    for (const document of [survey, reminder]) {
      expect((await t.http().post('/api/scenarios').set(auth).send({ document })).status).toBe(201);
      expect((await t.http().post(`/api/scenarios/${document.id}/publish`).set(auth).send({ note: 'v1' })).status).toBe(
        201,
      );
    }
    const emulator = t.app.get(TelephonyService).embeddedSwitch!.emulator;
    emulator.defineEndpoint({ match: '79165550001', outcome: 'answer', afterSeconds: 0.2 });
    emulator.defineEndpoint({ match: '79165550002', outcome: 'answer', afterSeconds: 0.2 });
    emulator.onActivity((entry) => {
      if (entry.type === 'play' && entry.text) heard.push(entry.text);
    });
  });

  afterAll(async () => {
    await t.close();
  });

  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let i = 0; i < 100 && !ok(value); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    return value;
  }

  it('a callback dials the number and runs the IVR scenario on the answered call', async () => {
    const scheduled = await t
      .http()
      .post('/api/jobs/callbacks')
      .set(auth)
      .send({ number: '79165550001', scenarioId: 'callback-survey', args: { name: 'Anna' } });
    expect(scheduled.status).toBe(201);
    const callback = await eventually(
      async () => (await t.http().get(`/api/jobs/callbacks/${scheduled.body.callbackId}`).set(auth)).body,
      (c) => c.status === 'answered' || c.status === 'failed',
    );
    expect(callback.status).toBe('answered');
    await eventually(
      async () => heard,
      (h) => h.includes('Hello Anna, we call you back.'),
    );
    expect(heard).toContain('Hello Anna, we call you back.');
  });

  it('a service scenario started through the API dials out and plays to the answered leg', async () => {
    const started = await t
      .http()
      .post('/api/jobs/services/reminder/run')
      .set(auth)
      .send({ args: { phone: '79165550002' } });
    expect([200, 201, 202]).toContain(started.status);
    await eventually(
      async () => heard,
      (h) => h.includes('Your appointment is tomorrow.'),
    );
    expect(heard).toContain('Your appointment is tomorrow.');
  });
});
