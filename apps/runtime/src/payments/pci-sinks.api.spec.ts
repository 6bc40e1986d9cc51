import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { catalog } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelephonyService } from '../telephony/telephony-service.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

// The whole product with a real database and debug logs: after payment calls, the test card number
// and its security code must be found in no sink at all.
const CARD = '4111111111111111';
const CVV = '737';
const sample = JSON.parse(
  readFileSync(new URL('../../../../samples/pci-card-payment/card-payment.json', import.meta.url), 'utf8'),
) as { start: string; nodes: Array<{ id: string; exits: Record<string, string> }> };
// The same scenario with the whole call recorded, so masking is checked too.
const recorded = {
  ...sample,
  start: 'record',
  nodes: [
    { id: 'record', type: 'record-call', typeVersion: 1, params: { action: 'start' }, exits: { ok: sample.start } },
    ...sample.nodes,
  ],
};

describe('card data reaches no sink', () => {
  let t: TestApp;
  let receiver: Server;
  let callbackUrl: string;
  const callbacks: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        callbacks.push(body);
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payments`;
    t = await startTestApp('sqlite', { catalog, config: { logLevel: 'debug' } });
    const auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    const connection = await t
      .http()
      .post('/api/connections')
      .set(auth)
      .send({
        name: 'card-processor',
        type: 'payment',
        driver: 'sandbox',
        settings: {},
        secrets: { callbackSecret: 'callback-secret-for-tests' },
      });
    expect(connection.status, JSON.stringify(connection.body)).toBe(201);
    expect((await t.http().post('/api/scenarios').set(auth).send({ document: recorded })).status).toBe(201);
    const published = await t.http().post('/api/scenarios/card-payment/publish').set(auth).send({ note: 'v1' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const route = { name: 'Payments', matchType: 'exact', pattern: '900', scenarioId: 'card-payment' };
    expect((await t.http().post('/api/routes').set(auth).send(route)).status).toBe(201);
    t.app
      .get(TelephonyService)
      .embeddedSwitch!.emulator.defineEndpoint({ match: 'call-center', outcome: 'answer', hangupAfterSeconds: 1 });
  });

  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  async function payCall(keys: { card: string; expiry: string; cvv: string }) {
    const emulator = t.app.get(TelephonyService).embeddedSwitch!.emulator;
    const call = emulator.placeCall({
      from: '79161234567',
      to: '900',
      headers: { 'X-Operation': 'sale', 'X-Amount': '12.50', 'X-Order-Id': 'ORD-7', 'X-Callback-Url': callbackUrl },
    });
    const answered = new Set<string>();
    const stop = emulator.onActivity((entry) => {
      if (entry.uuid !== call.uuid || entry.type !== 'play') return;
      const text = entry.text ?? '';
      const answer = (step: string, digits: string) => {
        if (answered.has(step)) return;
        answered.add(step);
        void call.pressDigits(digits, 30);
      };
      if (text.includes('card number')) answer('card', `${keys.card}#`);
      else if (text.includes('expiry')) answer('expiry', keys.expiry);
      else if (text.includes('security code')) answer('cvv', keys.cvv);
    });
    const summary = await call.ended();
    stop();
    return { call, summary };
  }

  it('approved, declined and cancelled payments leave no card number or code behind', async () => {
    const approved = await payCall({ card: CARD, expiry: '1230', cvv: CVV });
    await payCall({ card: '4000000000000002', expiry: '1230', cvv: CVV });
    await payCall({ card: '*', expiry: '1230', cvv: CVV });

    // The recording was masked while the caller keyed the card in.
    const recording = approved.summary?.recordings.find((r) => r.session);
    expect(recording?.masked.length).toBeGreaterThan(0);
    expect(recording?.masked.every((span) => span.toMs !== undefined)).toBe(true);

    const auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    for (let i = 0; i < 60 && callbacks.length < 3; i += 1) await new Promise((r) => setTimeout(r, 100));
    const calls = await t.http().get('/api/calls').set(auth);
    expect(calls.body.items.length).toBeGreaterThanOrEqual(3);
    const responses = [
      calls.text,
      (await t.http().get(`/api/calls/${approved.call.uuid}/steps`).set(auth)).text,
      (await t.http().get('/api/scenarios/card-payment/export?bundle=1').set(auth)).text,
      (await t.http().get('/api/audit').set(auth)).text,
      (await t.http().get('/metrics')).text,
    ];
    const steps = JSON.parse(responses[1]!) as Array<{ nodeId: string; changed: Record<string, unknown> }>;
    expect(steps.map((s) => s.nodeId)).toContain('pay');
    for (const status of ['approved', 'declined', 'cancelled']) {
      expect(
        callbacks.some((body) => body.includes(`"status":"${status}"`)),
        status,
      ).toBe(true);
    }

    const files = readdirSync(t.config.dataDir).filter((f) => f.startsWith('test.sqlite'));
    expect(files.length).toBeGreaterThan(0);
    const database = files.map((f) => readFileSync(join(t.config.dataDir, f)).toString('latin1')).join('');
    const sinks: Record<string, string> = {
      'debug logs': t.logs.join('\n'),
      'API responses': responses.join('\n'),
      'callback payloads': callbacks.join('\n'),
      'database files': database,
    };
    for (const [sink, text] of Object.entries(sinks)) {
      expect(text.includes(CARD), `the card number is in the ${sink}`).toBe(false);
      expect(text.includes('4000000000000002'), `the declined card number is in the ${sink}`).toBe(false);
    }
    // The code is three digits that may appear anywhere by chance; what matters is that no value holds it.
    for (const step of steps) for (const value of Object.values(step.changed)) expect(value).not.toBe(CVV);
    expect(t.logs.join('\n')).not.toMatch(/"(cvv|securityCode|cvc)"\s*:\s*"737"/i);
  }, 120_000);
});
