import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentRequest } from '@ivr/components';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionConfigError } from '../integrations/connection-resolver.js';
import { fixedConnections } from '../integrations/testing.js';
import { buildSecretJson, SecretDigits } from './card-body.js';
import { PaymentCallbackDispatcher } from './callback-dispatcher.js';
import { InMemoryPaymentCallbackStore } from './callback-store.js';
import { HttpsJsonConnector, toMinorUnits } from './https-json-connector.js';
import { httpsJsonSettingsSchema } from './payment-connection.js';
import { PaymentsAdapter } from './payments-adapter.js';
import { startSandboxProcessor, type SandboxProcessor } from './sandbox-processor.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const neverAborted = new AbortController().signal;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let keySeq = 0;
function request(number: string, extra: Partial<PaymentRequest> = {}): PaymentRequest {
  keySeq += 1;
  return {
    connection: 'pay',
    operation: 'sale',
    amount: 12.5,
    currency: 'EUR',
    orderId: 'A-1',
    idempotencyKey: `key-${keySeq}`,
    card: { number: bytes(number), brand: 'visa', expiryMonth: 12, expiryYear: 2030, securityCode: bytes('123') },
    timeoutMs: 5_000,
    signal: neverAborted,
    ...extra,
  };
}

const connector = (url: string, extra: Record<string, unknown> = {}, secrets: Record<string, string> = {}) =>
  new HttpsJsonConnector(httpsJsonSettingsSchema.parse({ url, retries: 0, ...extra }), secrets);

describe('card body', () => {
  it('produces the JSON the document would give, digits copied from the buffers', () => {
    const body = buildSecretJson({
      a: 1,
      card: { number: new SecretDigits(bytes('4242')), note: 'x"y' },
      list: [true],
    });
    expect(JSON.parse(body.toString())).toEqual({ a: 1, card: { number: '4242', note: 'x"y' }, list: [true] });
    expect(() => new SecretDigits(bytes('42a'))).toThrow('ASCII digits');
  });
});

describe('sandbox processor through the https-json connector', () => {
  let sandbox: SandboxProcessor;
  beforeAll(async () => {
    sandbox = await startSandboxProcessor();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  afterEach(() => sandbox.setBehaviour({ mode: 'normal' }));

  it('approves a sale with a test card, with an auth code and a reference', async () => {
    const outcome = await connector(sandbox.paymentsUrl).process(request('4111111111111111'));
    expect(outcome).toMatchObject({ status: 'approved', authCode: expect.stringMatching(/^\d{6}$/) });
    expect(outcome.reference).toMatch(/^sbx_/);
    expect(outcome.token).toBeUndefined();
    expect(JSON.stringify(outcome)).not.toContain('4111111111111111');
  });

  it('tokenizes on sale-tokenize and on tokenize with amount 0', async () => {
    const both = await connector(sandbox.paymentsUrl).process(
      request('5555555555554444', { operation: 'sale-tokenize', tokenId: 'cust-1' }),
    );
    expect(both).toMatchObject({ status: 'approved', token: expect.stringMatching(/^tok_/) });
    expect(sandbox.token(both.token!)).toEqual({ brand: 'mastercard', last4: '4444', tokenId: 'cust-1' });
    const only = await connector(sandbox.paymentsUrl).process(
      request('2200000000000004', { operation: 'tokenize', amount: 0 }),
    );
    expect(only).toMatchObject({ status: 'approved', token: expect.stringMatching(/^tok_/) });
    expect(only.authCode).toBeUndefined();
  });

  it('declines and fails by test card, expiry and security code', async () => {
    const c = connector(sandbox.paymentsUrl);
    expect(await c.process(request('4000000000000002'))).toMatchObject({
      status: 'declined',
      errorCode: 'card-declined',
    });
    expect(await c.process(request('4000000000009995'))).toMatchObject({
      status: 'declined',
      errorCode: 'insufficient-funds',
    });
    expect(await c.process(request('4000000000000119'))).toMatchObject({
      status: 'failed',
      errorCode: 'processing-error',
    });
    expect(await c.process(request('4242424242424242'))).toMatchObject({
      status: 'declined',
      errorCode: 'unknown-test-card',
    });
    const expired = request('4111111111111111');
    expired.card.expiryYear = 2020;
    expect(await c.process(expired)).toMatchObject({ status: 'declined', errorCode: 'expired-card' });
    const badCode = request('4111111111111111');
    badCode.card.securityCode = bytes('000');
    expect(await c.process(badCode)).toMatchObject({ status: 'declined', errorCode: 'security-code-mismatch' });
  });

  it('answers a repeated idempotency key with the first answer, carrying out the operation once', async () => {
    const before = sandbox.stats();
    const c = connector(sandbox.paymentsUrl);
    const first = await c.process(request('4111111111111111', { idempotencyKey: 'same-key' }));
    const again = await c.process(request('4111111111111111', { idempotencyKey: 'same-key' }));
    expect(again).toEqual(first);
    const after = sandbox.stats();
    expect(after.operations - before.operations).toBe(1);
    expect(after.replays - before.replays).toBe(1);
  });

  it('gives up on a slow processor at the timeout (failed: timeout)', async () => {
    sandbox.setBehaviour({ mode: 'slow', delayMs: 10_000 });
    const outcome = await connector(sandbox.paymentsUrl).process(request('4111111111111111', { timeoutMs: 300 }));
    expect(outcome).toEqual({ status: 'failed', errorCode: 'timeout' });
  });

  it('reports a failing processor, and resends once with the same idempotency key when told to', async () => {
    sandbox.setBehaviour({ mode: 'fail' });
    expect(await connector(sandbox.paymentsUrl).process(request('4111111111111111'))).toEqual({
      status: 'failed',
      errorCode: 'sandbox-unavailable',
    });
    sandbox.setBehaviour({ mode: 'fail', times: 1 });
    const before = sandbox.stats();
    const outcome = await connector(sandbox.paymentsUrl, { retries: 1 }).process(
      request('4111111111111111', { idempotencyKey: 'retry-key' }),
    );
    expect(outcome.status).toBe('approved');
    const after = sandbox.stats();
    expect(after.idempotencyKeys.slice(before.idempotencyKeys.length)).toEqual(['retry-key', 'retry-key']);
    expect(after.operations - before.operations).toBe(1);
  });

  it('can be told over HTTP to be slow or to fail', async () => {
    const response = await fetch(`${sandbox.url}/sandbox/behaviour`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'fail', times: 1 }),
    });
    expect(response.status).toBe(200);
    expect((await connector(sandbox.paymentsUrl).process(request('4111111111111111'))).status).toBe('failed');
    expect((await connector(sandbox.paymentsUrl).process(request('4111111111111111'))).status).toBe('approved');
    const bad = await fetch(`${sandbox.url}/sandbox/behaviour`, { method: 'POST', body: '{"mode":"broken"}' });
    expect(bad.status).toBe(400);
  });

  it('fails as unreachable when nothing listens', async () => {
    const closed = await startSandboxProcessor();
    const url = closed.paymentsUrl;
    await closed.close();
    expect(await connector(url).process(request('4111111111111111'))).toEqual({
      status: 'failed',
      errorCode: 'unreachable',
    });
  });

  it('refuses plain http to another machine', () => {
    expect(() => connector('http://processor.example/pay')).toThrow(ConnectionConfigError);
    expect(() => connector('https://processor.example/pay')).not.toThrow();
  });
});

describe('sandbox with an API key', () => {
  it('accepts the key from the connection secret and refuses a wrong one', async () => {
    const sandbox = await startSandboxProcessor({ apiKey: 'sk_test_123456' });
    try {
      const ok = await connector(sandbox.paymentsUrl, {}, { apiKey: 'sk_test_123456' }).process(
        request('4111111111111111'),
      );
      expect(ok.status).toBe('approved');
      const wrong = await connector(sandbox.paymentsUrl, {}, { apiKey: 'nope' }).process(request('4111111111111111'));
      expect(wrong).toEqual({ status: 'failed', errorCode: 'unauthorized' });
    } finally {
      await sandbox.close();
    }
  });
});

describe('https-json field mapping', () => {
  let server: Server;
  let url: string;
  const received: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { payment: { kind: string } };
        received.push({ headers: req.headers, body });
        const declined = body.payment.kind === 'AUTH_CAPTURE' && received.length > 1;
        res.writeHead(declined ? 402 : 200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify(
            declined
              ? { result: { code: 'REFUSED', reason: 'do-not-honor' }, id: 'p-2' }
              : { result: { code: 'OK', approval: 'X9' }, id: 'p-1', card: { alias: 'al-1' } },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/charge`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('places fields by path, sends minor units, the key header and the idempotency header, and reads the answer by path', async () => {
    const settings = {
      merchantId: 'm-42',
      authHeader: 'X-Api-Key',
      authScheme: '',
      idempotencyHeader: 'X-Request-Id',
      amountIn: 'minor',
      operations: { sale: 'AUTH_CAPTURE' },
      approvedValues: ['OK'],
      declinedValues: ['REFUSED'],
      headers: { 'X-Terminal': 't-1' },
      request: {
        operation: 'payment.kind',
        amount: 'payment.amount.value',
        currency: 'payment.amount.currency',
        orderId: 'payment.reference',
        merchantId: 'merchant',
        cardNumber: 'payment.card.pan',
        expiryMonth: 'payment.card.month',
        expiryYear: 'payment.card.year',
        securityCode: 'payment.card.cvc',
        brand: 'payment.card.scheme',
      },
      response: {
        status: 'result.code',
        authCode: 'result.approval',
        reference: 'id',
        token: 'card.alias',
        errorCode: 'result.reason',
      },
    };
    const c = connector(url, settings, { apiKey: 'secret-key' });
    const approved = await c.process(request('4111111111111111', { idempotencyKey: 'idem-1' }));
    expect(approved).toEqual({ status: 'approved', authCode: 'X9', reference: 'p-1', token: 'al-1' });
    const sent = received[0]!;
    expect(sent.headers['x-api-key']).toBe('secret-key');
    expect(sent.headers['x-request-id']).toBe('idem-1');
    expect(sent.headers['x-terminal']).toBe('t-1');
    expect(sent.body).toEqual({
      merchant: 'm-42',
      payment: {
        kind: 'AUTH_CAPTURE',
        amount: { value: 1250, currency: 'EUR' },
        reference: 'A-1',
        card: { pan: '4111111111111111', month: 12, year: 2030, cvc: '123', scheme: 'visa' },
      },
    });
    // A 402 whose body says REFUSED is a decline with the processor's reason.
    expect(await c.process(request('4111111111111111'))).toEqual({
      status: 'declined',
      reference: 'p-2',
      errorCode: 'do-not-honor',
    });
  });

  it('converts amounts to minor units by currency', () => {
    expect(toMinorUnits(12.5, 'EUR')).toBe(1250);
    expect(toMinorUnits(1200, 'JPY')).toBe(1200);
    expect(toMinorUnits(1.234, 'KWD')).toBe(1234);
    expect(toMinorUnits(0.29, 'USD')).toBe(29);
  });
});

describe('payments adapter', () => {
  it('runs a sandbox connection on the embedded sandbox and refuses unknown connections', async () => {
    const sandbox = await startSandboxProcessor();
    try {
      const connections = fixedConnections(
        { name: 'pay', type: 'payment', driver: 'sandbox', settings: {}, secrets: {} },
        { name: 'db', type: 'sql', driver: 'sqlite', settings: { file: 'x.db' }, secrets: {} },
      );
      const logs: unknown[] = [];
      const log = { ...silent, info: (fields: object, message: string) => void logs.push({ ...fields, message }) };
      const adapter = new PaymentsAdapter({
        connections,
        log,
        sandboxUrl: () => sandbox.paymentsUrl,
        dispatcher: new PaymentCallbackDispatcher({
          store: new InMemoryPaymentCallbackStore(),
          secretFor: async () => 'a-secret-of-16-chars',
          log: silent,
          maxAttempts: 1,
          baseDelayMs: 10,
          maxDelayMs: 10,
          timeoutMs: 1_000,
          pollIntervalMs: 1_000,
          hosts: { allow: [], deny: [] },
        }),
      });
      expect((await adapter.process(request('4111111111111111'))).status).toBe('approved');
      expect(logs).toEqual([
        expect.objectContaining({
          connection: 'pay',
          status: 'approved',
          driver: 'sandbox',
          message: 'payment processed',
        }),
      ]);
      await expect(adapter.process(request('4111111111111111', { connection: 'nope' }))).rejects.toThrow(
        ConnectionConfigError,
      );
      await expect(adapter.process(request('4111111111111111', { connection: 'db' }))).rejects.toThrow(/not payment/);
      expect(JSON.stringify(logs)).not.toContain('4111111111111111');
    } finally {
      await sandbox.close();
    }
  });
});
