/**
 * Complete payment calls through the real ScenarioEngine, the payment executor, a scripted call,
 * the sandbox processor over HTTP and the signed callback to a receiver on 127.0.0.1. Afterwards
 * the test card number and the security code are searched for in every sink this side has: step
 * traces, run results, logs at debug level (the runtime's pino logger and the engine's log),
 * what the call saw (prompts, SIP headers, transfers) and the callback payloads.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalog, componentKey } from '@ivr/components';
import { executors } from '@ivr/components/executors';
import { hasErrors, scenarioDocumentSchema, validate } from '@ivr/scenario-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The components package's scripted call: the same one the executor unit tests use.
import { ScriptedCall, secureDigits } from '../../../../packages/components/src/testing/scripted-call.js';
import { ScenarioEngine, type CallLeg, type RunResult, type StepTrace } from '../engine/index.js';
import { fixedConnections } from '../integrations/testing.js';
import { createLogger } from '../logging/create-logger.js';
import { verifyCallbackSignature } from './callback-signature.js';
import { loadPaymentsConfig } from './payments.config.js';
import { PaymentsRuntime } from './payments-runtime.js';

const CARD = '4111111111111111';
const DECLINED_CARD = '4000000000000002';
const CODE = '737';
const SECRET = 'run-callback-secret-0123';

const RESULT_VARS = ['status', 'token', 'last4', 'brand', 'authCode', 'reference', 'errorCode'];

function paymentScenario(callbackUrl: string) {
  return scenarioDocumentSchema.parse({
    format: 'ivr-scenario/1',
    id: 'card-payment',
    name: 'Card payment',
    kind: 'main',
    variables: RESULT_VARS.map((name) => ({ name, type: 'string', scope: 'run' })),
    returns: RESULT_VARS,
    start: 'answer',
    nodes: [
      { id: 'answer', type: 'answer', typeVersion: 1, params: {}, exits: { ok: 'pay' } },
      {
        id: 'pay',
        type: 'payment',
        typeVersion: 1,
        params: {
          connection: 'pay',
          orderSource: 'sip-headers',
          callbackUrl,
          processorTimeout: 1,
          map: Object.fromEntries(RESULT_VARS.map((name) => [name, name])),
        },
        exits: { approved: 'to-agent', declined: 'to-queue', failed: 'bye', cancelled: 'bye' },
      },
      // The three endings: back to the agent who sent the call, back to a queue, hang up here.
      { id: 'to-agent', type: 'transfer', typeVersion: 1, params: { destination: '1001' }, exits: {} },
      { id: 'to-queue', type: 'transfer', typeVersion: 1, params: { destination: 'queue-sales' }, exits: {} },
      { id: 'bye', type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} },
    ],
    layout: {},
  });
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('payment calls through the engine', () => {
  const logLines: string[] = [];
  const traces: StepTrace[] = [];
  const received: Received[] = [];
  let receiver: Server;
  let callbackUrl: string;
  let payments: PaymentsRuntime;
  let engine: ScenarioEngine;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payment-result`;

    const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
    payments = new PaymentsRuntime({
      config: loadPaymentsConfig({
        PAYMENT_CALLBACK_SECRET: SECRET,
        PAYMENT_CALLBACK_BASE_DELAY_MS: '20',
        PAYMENT_SANDBOX: 'embedded',
      }),
      connections: fixedConnections({ name: 'pay', type: 'payment', driver: 'sandbox', settings: {}, secrets: {} }),
      log: logger.child({ module: 'payments' }),
    });
    await payments.start();
    engine = new ScenarioEngine({
      catalog,
      executor: (type, version) => executors.get(componentKey(type, version)),
      scenarios: { load: async () => ({ document: paymentScenario(callbackUrl), version: 1 }) },
      ports: {
        payments: payments.port,
        clock: { now: () => new Date(), sleep: () => Promise.resolve() },
      } as unknown as ConstructorParameters<typeof ScenarioEngine>[0]['ports'],
      traces: { step: (trace) => void traces.push(trace) },
      log: (level, message, fields) => void logLines.push(JSON.stringify({ level, message, ...fields })),
    });
  });

  afterAll(async () => {
    await payments.stop();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  function leg(call: ScriptedCall): CallLeg {
    return {
      port: call,
      info: () => ({
        uuid: call.id,
        callerId: '79161234567',
        callerName: '',
        dialedNumber: '900',
        headers: {},
        answered: call.isAnswered(),
      }),
      hangup: new AbortController().signal,
      variables: new Map(),
    };
  }

  const headers = (orderId: string) => ({
    'X-Operation': 'sale',
    'X-Amount': '25.00',
    'X-Currency': 'EUR',
    'X-Order-Id': orderId,
  });

  const calls: ScriptedCall[] = [];
  const results: RunResult[] = [];
  async function payCall(orderId: string, keys: ReturnType<typeof secureDigits>[]) {
    const call = new ScriptedCall({ headers: headers(orderId), digits: keys });
    calls.push(call);
    const result = await engine.run({ scenarioId: 'card-payment', call: leg(call) });
    results.push(result);
    return { call, result, buffers: keys.map((k) => k.digits) };
  }

  it('is a valid scenario for the designer', () => {
    const diagnostics = validate(paymentScenario('https://cc.example/result'), catalog);
    expect(hasErrors(diagnostics)).toBe(false);
  });

  it('approved: result variables, SIP headers, back to the agent', async () => {
    const { call, result, buffers } = await payCall('O-1', [
      secureDigits(CARD),
      secureDigits('1230', ''),
      secureDigits(CODE, ''),
    ]);
    expect(result.status).toBe('completed');
    expect(result.returns).toMatchObject({ status: 'approved', last4: '1111', brand: 'visa', errorCode: '' });
    expect(result.returns.authCode).toMatch(/^\d{6}$/);
    expect(result.lastNodeId).toBe('to-agent');
    const sip = call.operations.find((o) => o.op === 'setOutgoingSipHeaders')?.args;
    expect(sip).toMatchObject({
      'X-Payment-Status': 'approved',
      'X-Payment-Last4': '1111',
      'X-Payment-Order-Id': 'O-1',
    });
    expect(call.operations.at(-1)).toMatchObject({ op: 'transfer', args: { destination: '1001' } });
    for (const buffer of buffers) expect(buffer.every((b) => b === 0)).toBe(true);
  });

  it('declined: back to a queue', async () => {
    const { result } = await payCall('O-2', [secureDigits(DECLINED_CARD), secureDigits('1230'), secureDigits(CODE)]);
    expect(result.returns).toMatchObject({ status: 'declined', errorCode: 'card-declined', last4: '0002' });
    expect(result.lastNodeId).toBe('to-queue');
  });

  it('cancelled with * at the security code: hangs up in the IVR', async () => {
    const { call, result } = await payCall('O-3', [secureDigits(CARD), secureDigits('1230'), secureDigits('7', '*')]);
    expect(result.returns).toMatchObject({ status: 'cancelled' });
    expect(result.lastNodeId).toBe('bye');
    expect(call.ops()).toContain('hangup');
  });

  it('processor timeout: failed, hangs up in the IVR', async () => {
    payments.sandbox!.setBehaviour({ mode: 'slow', delayMs: 5_000 });
    try {
      const { result } = await payCall('O-4', [secureDigits(CARD), secureDigits('1230'), secureDigits(CODE)]);
      expect(result.returns).toMatchObject({ status: 'failed', errorCode: 'timeout' });
      expect(result.lastNodeId).toBe('bye');
    } finally {
      payments.sandbox!.setBehaviour({ mode: 'normal' });
    }
  });

  it('sent every result by signed callback, each once, last four digits only', async () => {
    for (let i = 0; i < 300 && received.length < 4; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await payments.dispatcher.idle();
    expect(received).toHaveLength(4);
    for (const { headers: h, body } of received) {
      expect(verifyCallbackSignature(SECRET, h['x-ivr-signature'] as string, body).ok).toBe(true);
    }
    const byOrder = Object.fromEntries(
      received.map(({ body }) => {
        const payload = JSON.parse(body) as { orderId: string; status: string; last4?: string };
        return [payload.orderId, payload];
      }),
    );
    expect(byOrder['O-1']).toMatchObject({ status: 'approved', last4: '1111', amount: 25, currency: 'EUR' });
    expect(byOrder['O-2']).toMatchObject({ status: 'declined', last4: '0002' });
    expect(byOrder['O-3']).toMatchObject({ status: 'cancelled' });
    expect(byOrder['O-4']).toMatchObject({ status: 'failed', errorCode: 'timeout' });
  });

  it('left the card number and the security code in no sink', () => {
    // The payment steps' variables are redacted in the traces.
    const paySteps = traces.filter((t) => t.nodeId === 'pay');
    expect(paySteps).toHaveLength(4);
    for (const step of paySteps) {
      expect(Object.values(step.changed).every((v) => v === '[redacted]')).toBe(true);
      expect(step.notes).toEqual([]);
    }
    expect(logLines.some((line) => line.includes('payment processed'))).toBe(true);

    const sinks = {
      traces: JSON.stringify(traces),
      results: JSON.stringify(results),
      logs: logLines.join('\n'),
      callbacks: JSON.stringify(received.map((r) => r.body)),
      calls: JSON.stringify(calls.map((c) => c.operations)),
      stores: JSON.stringify(payments.sandbox!.stats()),
    };
    // Durations and times are digits too: drop them before looking for the three-digit code.
    const withoutTimes = (text: string) =>
      text
        .replace(/"durationMs":\d+/g, '')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '')
        .replace(/"startedAt":"[^"]*"/g, '');
    for (const [name, text] of Object.entries(sinks)) {
      expect(text.includes(CARD), `${name} holds the card number`).toBe(false);
      expect(text.includes(DECLINED_CARD), `${name} holds the declined card number`).toBe(false);
      expect(/(?<![\d.])737(?!\d)/.test(withoutTimes(text)), `${name} holds the security code`).toBe(false);
      // Nor any 13-19 digit run that could be a card number.
      expect(/\d{13,19}/.test(withoutTimes(text)), `${name} holds a long digit run`).toBe(false);
    }
  });
});
