import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalog } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { verifyCallbackSignature } from '../payments/callback-signature.js';
import { TelephonyService } from '../telephony/telephony-service.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

const CARD = '4111111111111111';

// The caller types digits the live stream must never show (they could be a card number).
const scenario = {
  format: 'ivr-scenario/1',
  id: 'screen-pop',
  name: 'Screen pop',
  kind: 'main',
  variables: [
    { name: 'account', type: 'string', scope: 'run', export: true },
    { name: 'typed', type: 'string', scope: 'run', sensitive: true },
  ],
  start: 'ask',
  nodes: [
    {
      id: 'ask',
      type: 'input',
      typeVersion: 1,
      params: { prompt: { tts: 'Your account number?' }, maxDigits: 16, terminators: '#', into: 'typed' },
      exits: { ok: 'keep' },
    },
    {
      id: 'keep',
      type: 'assign',
      typeVersion: 1,
      params: { assignments: [{ variable: 'account', value: '"A-42"' }] },
      exits: { ok: 'bye' },
    },
    { id: 'bye', type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} },
  ],
  layout: {},
};

describe('live stream and CTI webhooks', () => {
  let t: TestApp;
  let receiver: Server;
  const received: Array<{ body: string; signature: string | undefined }> = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, signature: request.headers['x-ivr-signature'] as string | undefined });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cti`;
    t = await startTestApp('sqlite', {
      catalog,
      config: { cti: { urls: [url], secret: 'cti-secret', attempts: 3, baseDelayMs: 20 } },
    });
    const auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    expect((await t.http().post('/api/scenarios').set(auth).send({ document: scenario })).status).toBe(201);
    expect((await t.http().post('/api/scenarios/screen-pop/publish').set(auth).send({ note: 'v1' })).status).toBe(201);
    const route = { name: 'Pop', matchType: 'exact', pattern: '200', scenarioId: 'screen-pop' };
    expect((await t.http().post('/api/routes').set(auth).send(route)).status).toBe(201);
    await t.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('refuses a WebSocket without a valid session token', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live?token=forged`);
      ws.on('open', () => resolve('open'));
      ws.on('error', (error) => resolve(String(error.message)));
    });
    expect(outcome).toContain('401');
  });

  it('streams the call, its steps and exported variables, but never what the caller typed', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const token = await t.tokenFor('viewer');
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live?token=${token}`);
    const events: Array<Record<string, unknown>> = [];
    ws.on('message', (data) => events.push(JSON.parse(data.toString())));
    await new Promise((resolve) => ws.once('open', resolve));

    const emulator = t.app.get(TelephonyService).embeddedSwitch!.emulator;
    const call = emulator.placeCall({ from: '79160000042', to: '200' });
    const stop = emulator.onActivity((entry) => {
      if (entry.uuid === call.uuid && entry.type === 'play') void call.pressDigits(`${CARD}#`, 20);
    });
    await call.ended();
    stop();
    for (let i = 0; i < 40 && !events.some((e) => e.type === 'call.ended'); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    ws.close();

    const types = events.map((e) => e.type);
    expect(types).toContain('call.ringing');
    expect(types).toContain('run.started');
    expect(types).toContain('call.ended');
    const media = events.find((e) => e.type === 'media' && (e.activity as { type: string }).type === 'play');
    expect(media).toMatchObject({ callId: call.uuid, activity: { text: 'Your account number?' } });
    const steps = events.filter((e) => e.type === 'node.entered');
    expect(steps.map((e) => (e.step as { nodeId: string }).nodeId)).toEqual(['ask', 'keep', 'bye']);
    expect(steps[1]).toMatchObject({ exported: { account: 'A-42' } });
    expect(JSON.stringify(events)).not.toContain(CARD);

    for (let i = 0; i < 40 && !received.some((r) => r.body.includes('call.ended')); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(received.length).toBeGreaterThan(0);
    for (const delivery of received)
      expect(verifyCallbackSignature('cti-secret', delivery.signature, delivery.body).ok).toBe(true);
    const popped = received
      .map((r) => JSON.parse(r.body))
      .find((e) => e.type === 'node.entered' && e.step.nodeId === 'keep');
    expect(popped).toMatchObject({ exported: { account: 'A-42' } });
    expect(received.map((r) => r.body).join('')).not.toContain(CARD);
  });
});
