import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentResultDelivery } from '@ivr/components';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionConfigError } from '../integrations/connection-resolver.js';
import { PaymentCallbackDispatcher, type CallbackDispatcherOptions } from './callback-dispatcher.js';
import { signCallback, verifyCallbackSignature } from './callback-signature.js';
import { InMemoryPaymentCallbackStore, type CallbackAttempt } from './callback-store.js';

const SECRET = 'callback-secret-0123456789';
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface Receiver {
  url: string;
  port: number;
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

/** A callback receiver on 127.0.0.1 that answers `status` (a function of the request count). */
async function startReceiver(port = 0, status: (count: number) => number = () => 200): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status(received.length));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/payments/result`,
    port: actual,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function dispatcher(extra: Partial<CallbackDispatcherOptions> = {}) {
  const store = new InMemoryPaymentCallbackStore();
  const d = new PaymentCallbackDispatcher({
    store,
    secretFor: async () => SECRET,
    log: silent,
    maxAttempts: 50,
    baseDelayMs: 20,
    maxDelayMs: 80,
    timeoutMs: 2_000,
    pollIntervalMs: 1_000,
    hosts: { allow: [], deny: ['169.254.169.254'] },
    ...extra,
  });
  cleanups.push(() => d.stop());
  return { d, store };
}

const delivery = (url: string): PaymentResultDelivery => ({
  url,
  connection: 'pay',
  operation: 'sale',
  amount: 12.5,
  currency: 'EUR',
  orderId: 'A-1',
  callId: 'call-1',
  result: { status: 'approved', authCode: 'X1', reference: 'r-1', brand: 'visa', last4: '1111' },
});

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('payment callback dispatcher', () => {
  it('delivers a signed JSON result once, recording the attempt', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const { d, store } = dispatcher();
    d.start();
    const id = await d.enqueue(delivery(receiver.url));
    await until(async () => (await store.get(id))?.state === 'delivered', 'delivery');
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    expect(verifyCallbackSignature(SECRET, headers['x-ivr-signature'] as string, body)).toMatchObject({ ok: true });
    expect(headers['x-ivr-delivery-id']).toBe(id);
    expect(headers['x-ivr-delivery-attempt']).toBe('1');
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(body)).toEqual({
      id,
      type: 'payment.result',
      createdAt: expect.any(String),
      orderId: 'A-1',
      operation: 'sale',
      amount: 12.5,
      currency: 'EUR',
      callId: 'call-1',
      status: 'approved',
      authCode: 'X1',
      reference: 'r-1',
      brand: 'visa',
      last4: '1111',
    });
    expect(await store.attempts(id)).toEqual([
      expect.objectContaining({ attempt: 1, httpStatus: 200, outcome: 'delivered' }),
    ]);
  });

  it('keeps retrying while the receiver is down, then delivers exactly once when it is up', async () => {
    // Find a free port, then leave it closed: the receiver is "down".
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const { d, store } = dispatcher();
    d.start();
    const id = await d.enqueue(delivery(`http://127.0.0.1:${port}/payments/result`));
    await until(async () => (await store.attempts(id)).length >= 3, 'three failed attempts');

    const receiver = await startReceiver(port);
    cleanups.push(() => receiver.close());
    await until(async () => (await store.get(id))?.state === 'delivered', 'delivery');
    // Let several more back-off periods pass: nothing more may be sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await d.idle();
    expect(receiver.received).toHaveLength(1);
    const attempts = await store.attempts(id);
    expect(attempts.at(-1)).toMatchObject({ outcome: 'delivered', httpStatus: 200 });
    expect(
      attempts.slice(0, -1).every((a: CallbackAttempt) => a.outcome === 'retry' && a.error === 'ECONNREFUSED'),
    ).toBe(true);
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
    const { headers, body } = receiver.received[0]!;
    expect(headers['x-ivr-delivery-attempt']).toBe(String(attempts.length));
    expect(verifyCallbackSignature(SECRET, headers['x-ivr-signature'] as string, body).ok).toBe(true);
  });

  it('retries on a non-2xx answer and gives up after the last attempt', async () => {
    const flaky = await startReceiver(0, (count) => (count < 3 ? 503 : 204));
    cleanups.push(() => flaky.close());
    const { d, store } = dispatcher();
    d.start();
    const id = await d.enqueue(delivery(flaky.url));
    await until(async () => (await store.get(id))?.state === 'delivered', 'delivery');
    expect((await store.attempts(id)).map((a) => a.httpStatus)).toEqual([503, 503, 204]);

    const broken = await startReceiver(0, () => 500);
    cleanups.push(() => broken.close());
    const limited = dispatcher({ maxAttempts: 2 });
    limited.d.start();
    const lost = await limited.d.enqueue(delivery(broken.url));
    await until(async () => (await limited.store.get(lost))?.state === 'abandoned', 'abandon');
    expect((await limited.store.attempts(lost)).map((a) => a.outcome)).toEqual(['retry', 'abandoned']);
    expect(broken.received).toHaveLength(2);
  });

  it('picks up what a stopped dispatcher left pending (restart with the same store)', async () => {
    const { d, store } = dispatcher();
    // Not started: the delivery stays pending, as after a crash before the first attempt.
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const id = await d.enqueue(delivery(receiver.url));
    expect(receiver.received).toHaveLength(0);
    const next = new PaymentCallbackDispatcher({
      store,
      secretFor: async () => SECRET,
      log: silent,
      maxAttempts: 5,
      baseDelayMs: 20,
      maxDelayMs: 80,
      timeoutMs: 2_000,
      pollIntervalMs: 1_000,
      hosts: { allow: [], deny: [] },
    });
    cleanups.push(() => next.stop());
    next.start();
    await until(async () => (await store.get(id))?.state === 'delivered', 'delivery after restart');
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses a callback it could not sign or must not send', async () => {
    const { d } = dispatcher();
    await expect(d.enqueue(delivery('ftp://cc.example/x'))).rejects.toThrow(ConnectionConfigError);
    await expect(d.enqueue(delivery('not a url'))).rejects.toThrow(ConnectionConfigError);
    await expect(d.enqueue(delivery('http://169.254.169.254/latest'))).rejects.toThrow(/denied/);
    const unsigned = dispatcher({ secretFor: async () => undefined });
    await expect(unsigned.d.enqueue(delivery('https://cc.example/x'))).rejects.toThrow(/PAYMENT_CALLBACK_SECRET/);
  });
});

describe('callback signature', () => {
  it('verifies the raw body and refuses a changed body, another secret or an old timestamp', () => {
    const body = '{"status":"approved"}';
    const now = new Date('2026-11-21T12:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = signCallback(SECRET, body, t);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyCallbackSignature(SECRET, header, body, { now })).toEqual({ ok: true, timestamp: t });
    expect(verifyCallbackSignature(SECRET, header, body.replace('approved', 'declined'), { now })).toMatchObject({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verifyCallbackSignature('another-secret-123456', header, body, { now }).ok).toBe(false);
    expect(verifyCallbackSignature(SECRET, header, body, { now: new Date(now.getTime() + 600_000) })).toMatchObject({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });
    expect(verifyCallbackSignature(SECRET, undefined, body).ok).toBe(false);
    expect(verifyCallbackSignature(SECRET, 't=1,v1=zz', body).ok).toBe(false);
  });
});
