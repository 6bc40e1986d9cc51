import { describe, expect, it } from 'vitest';
import type { CollectDigitsOptions, CollectDigitsResult } from '../../ports/call.js';
import type { PaymentOutcome, PaymentRequest, PaymentResultDelivery, PaymentsPort } from '../../ports/payments.js';
import { testContext } from '../../testing/execution-context.js';
import { ScriptedCall, secureDigits, type CallScript } from '../../testing/scripted-call.js';
import { paymentDefinition, paymentParams } from './definition.js';
import { paymentExecutor } from './executor.js';

// Test card numbers (Luhn-valid, never real cards).
const VISA = '4111111111111111';
const MASTERCARD = '5555555555554444';
const AMEX = '378282246310005';
const MIR = '2200000000000004';
const NOW = new Date('2026-11-21T12:00:00Z');

const variables = {
  status: { type: 'string' as const },
  token: { type: 'string' as const },
  last4: { type: 'string' as const },
  brand: { type: 'string' as const },
  authCode: { type: 'string' as const },
  reference: { type: 'string' as const },
  errorCode: { type: 'string' as const },
  total: { type: 'double' as const, value: 12.5 },
  order: { type: 'string' as const, value: 'A-100' },
};

const mapAll = {
  status: 'status',
  token: 'token',
  last4: 'last4',
  brand: 'brand',
  authCode: 'authCode',
  reference: 'reference',
  errorCode: 'errorCode',
};

/** A payments port that records the requests it got (and the card buffers, to check they are wiped). */
function fakePayments(
  answer: PaymentOutcome | Error | ((request: PaymentRequest) => PaymentOutcome),
  call?: ScriptedCall,
) {
  const requests: Array<Omit<PaymentRequest, 'card'> & { cardSeen: { numberDigits: number; codeDigits?: number } }> =
    [];
  const cards: PaymentRequest['card'][] = [];
  const deliveries: PaymentResultDelivery[] = [];
  const port: PaymentsPort = {
    async process(request) {
      call?.operations.push({ op: 'process' });
      const { card, ...rest } = request;
      cards.push(card);
      // What the processor would see: the buffers still hold the digits while it works.
      const ascii = (b: Uint8Array) => b.every((x) => x >= 0x30 && x <= 0x39);
      expect(ascii(card.number)).toBe(true);
      if (card.securityCode) expect(ascii(card.securityCode)).toBe(true);
      requests.push({
        ...rest,
        cardSeen: {
          numberDigits: card.number.length,
          ...(card.securityCode ? { codeDigits: card.securityCode.length } : {}),
        },
      });
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? answer(request) : answer;
    },
    async deliverResult(delivery) {
      deliveries.push(delivery);
    },
  };
  return { port, requests, cards, deliveries };
}

function setup(
  input: Record<string, unknown>,
  script: CallScript,
  answer: Parameters<typeof fakePayments>[0] = { status: 'approved', authCode: 'A1B2C3', reference: 'ref-1' },
  signal?: AbortSignal,
) {
  const call = new ScriptedCall(script);
  const payments = fakePayments(answer, call);
  const params = paymentParams.parse({ connection: 'shop-pay', amount: 'total', map: mapAll, ...input });
  const context = testContext({
    params,
    variables,
    ports: {
      call,
      payments: payments.port,
      clock: { now: () => NOW, sleep: async () => undefined },
    },
    ...(signal ? { signal } : {}),
  });
  return { call, payments, context, run: () => paymentExecutor(context) };
}

const zeroed = (buffer: Uint8Array) => buffer.length > 0 && buffer.every((b) => b === 0);
const played = (call: ScriptedCall) =>
  call.operations.filter((o) => o.op === 'play').map((o) => (o.args as { prompt: { tts?: string } }).prompt.tts ?? '');
const collects = (call: ScriptedCall) =>
  call.operations.filter((o) => o.op === 'collectDigits').map((o) => o.args as Omit<CollectDigitsOptions, 'signal'>);

describe('payment definition', () => {
  it('is implemented and sensitive', () => {
    expect(paymentDefinition.implemented).toBe(true);
    expect(paymentDefinition.sensitive).toBe(true);
  });
});

describe('payment executor', () => {
  it('approves a sale: masks, collects securely, calls the processor, wipes, unmasks, sets variables and headers', async () => {
    const number = secureDigits(VISA);
    const expiry = secureDigits('1228', '');
    const code = secureDigits('123', '');
    const { call, payments, context, run } = setup(
      { orderId: '{{ order }}', description: 'Order {{ order }}', callbackUrl: 'https://cc.example/pay' },
      { digits: [number, expiry, code] },
    );
    const result = await run();
    expect(result).toEqual({
      exit: 'approved',
      vars: {
        status: 'approved',
        token: '',
        last4: '1111',
        brand: 'visa',
        authCode: 'A1B2C3',
        reference: 'ref-1',
        errorCode: '',
      },
    });
    // Order of what happened on the call.
    expect(call.ops()).toEqual([
      'maskRecording',
      'collectDigits',
      'collectDigits',
      'collectDigits',
      'play', // processing
      'process',
      'unmaskRecording',
      'setOutgoingSipHeaders',
    ]);
    expect(collects(call).every((c) => c.secure === true && c.terminators.includes('*'))).toBe(true);
    expect(collects(call).map((c) => c.maxDigits)).toEqual([19, 4, 3]);
    // The processor got the order and the card, with a fresh idempotency key.
    const request = payments.requests[0]!;
    expect(request).toMatchObject({
      connection: 'shop-pay',
      operation: 'sale',
      amount: 12.5,
      currency: 'USD',
      orderId: 'A-100',
      description: 'Order A-100',
      timeoutMs: 30_000,
      cardSeen: { numberDigits: 16, codeDigits: 3 },
    });
    expect(request.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(payments.cards[0]).toMatchObject({ brand: 'visa', expiryMonth: 12, expiryYear: 2028 });
    // Every buffer is zeros afterwards, the ones the scripted call handed out included.
    for (const buffer of [number.digits, expiry.digits, code.digits]) expect(zeroed(buffer)).toBe(true);
    expect(call.operations.at(-1)).toEqual({
      op: 'setOutgoingSipHeaders',
      args: {
        'X-Payment-Status': 'approved',
        'X-Payment-Last4': '1111',
        'X-Payment-Brand': 'visa',
        'X-Payment-Auth-Code': 'A1B2C3',
        'X-Payment-Reference': 'ref-1',
        'X-Payment-Order-Id': 'A-100',
      },
    });
    expect(payments.deliveries).toEqual([
      {
        url: 'https://cc.example/pay',
        connection: 'shop-pay',
        operation: 'sale',
        amount: 12.5,
        currency: 'USD',
        orderId: 'A-100',
        callId: 'call-1',
        result: { status: 'approved', authCode: 'A1B2C3', reference: 'ref-1', brand: 'visa', last4: '1111' },
      },
    ]);
    expect(JSON.stringify([context.logs, context.notes, call.operations, payments.deliveries])).not.toContain(VISA);
  });

  it('routes a decline and a processor failure, and maps a thrown processor error to failed', async () => {
    const script = () => ({ digits: [secureDigits(MASTERCARD), secureDigits('0127'), secureDigits('999')] });
    const declined = await setup({}, script(), { status: 'declined', errorCode: 'insufficient-funds' }).run();
    expect(declined.exit).toBe('declined');
    expect(declined.vars).toMatchObject({ status: 'declined', errorCode: 'insufficient-funds', brand: 'mastercard' });

    const timeout = await setup({}, script(), { status: 'failed', errorCode: 'timeout' }).run();
    expect(timeout).toMatchObject({ exit: 'failed', vars: { status: 'failed', errorCode: 'timeout' } });

    const number = secureDigits(MASTERCARD);
    const thrown = setup(
      {},
      { digits: [number, secureDigits('0127'), secureDigits('999')] },
      new Error('socket hang up'),
    );
    expect(await thrown.run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'processor-error' } });
    expect(zeroed(number.digits)).toBe(true);
    expect(thrown.call.ops().at(-2)).toBe('unmaskRecording');
  });

  it('runs sale + tokenize and tokenize with amount 0, returning the token', async () => {
    const answer = (request: PaymentRequest): PaymentOutcome => ({
      status: 'approved',
      token: `tok-${request.operation}`,
      reference: 'r',
    });
    const both = setup(
      { operation: 'sale-tokenize', tokenId: 'cust-7' },
      { digits: [secureDigits(MIR), secureDigits('0527'), secureDigits('321')] },
      answer,
    );
    expect(await both.run()).toMatchObject({ exit: 'approved', vars: { token: 'tok-sale-tokenize', brand: 'mir' } });
    expect(both.payments.requests[0]).toMatchObject({ operation: 'sale-tokenize', amount: 12.5, tokenId: 'cust-7' });

    const only = setup(
      { operation: 'tokenize', acceptedBrands: ['amex'] },
      { digits: [secureDigits(AMEX), secureDigits('0527'), secureDigits('4321')] },
      answer,
    );
    expect(await only.run()).toMatchObject({ exit: 'approved', vars: { token: 'tok-tokenize', last4: '0005' } });
    expect(only.payments.requests[0]).toMatchObject({ operation: 'tokenize', amount: 0, cardSeen: { codeDigits: 4 } });
    expect(collects(only.call).map((c) => c.maxDigits)).toEqual([19, 4, 4]);
  });

  it('cancels on * at each step, wipes what was entered, and calls no processor', async () => {
    const cases: Array<{ digits: CollectDigitsResult[]; collected: number }> = [
      { digits: [secureDigits('', '*')], collected: 1 },
      { digits: [secureDigits(VISA), secureDigits('12*', '')], collected: 2 },
      { digits: [secureDigits(VISA), secureDigits('1228'), secureDigits('1', '*')], collected: 3 },
      { digits: [secureDigits('4111', '*')], collected: 1 },
    ];
    for (const { digits, collected } of cases) {
      const buffers = digits.map((d) => (d.outcome === 'secure-digits' ? d.digits : new Uint8Array()));
      const { call, payments, run } = setup({ callbackUrl: 'https://cc.example/pay' }, { digits });
      expect(await run()).toMatchObject({ exit: 'cancelled', vars: { status: 'cancelled' } });
      expect(payments.requests).toHaveLength(0);
      expect(collects(call)).toHaveLength(collected);
      for (const buffer of buffers) expect(buffer.every((b) => b === 0)).toBe(true);
      expect(call.ops().slice(-2)).toEqual(['unmaskRecording', 'setOutgoingSipHeaders']);
      expect(payments.deliveries[0]?.result.status).toBe('cancelled');
    }
  });

  it('retries an invalid number (Luhn) with its prompt, then goes on with a valid one', async () => {
    const wrong = secureDigits('4111111111111112');
    const { call, payments, run } = setup(
      {},
      { digits: [wrong, secureDigits(VISA), secureDigits('1228'), secureDigits('123')] },
    );
    expect((await run()).exit).toBe('approved');
    expect(zeroed(wrong.digits)).toBe(true);
    expect(played(call)).toEqual(['This card number is not valid.', 'Please wait while we process your payment.']);
    expect(payments.requests).toHaveLength(1);
  });

  it('fails with the last problem when every attempt is refused: invalid number, no input, brand not accepted', async () => {
    const invalid = setup(
      { retries: 2 },
      { digits: [secureDigits('1234567890123'), secureDigits('4111111111111112')] },
    );
    expect(await invalid.run()).toMatchObject({
      exit: 'failed',
      vars: { status: 'failed', errorCode: 'invalid-number' },
    });
    expect(collects(invalid.call)).toHaveLength(2);
    expect(invalid.payments.requests).toHaveLength(0);

    const silent = setup(
      { retries: 3 },
      { digits: [{ outcome: 'noinput' }, secureDigits(''), { outcome: 'noinput' }] },
    );
    expect(await silent.run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'noinput' } });
    expect(played(silent.call)).toEqual(['We did not receive your input.', 'We did not receive your input.']);

    const amex = setup({ retries: 1 }, { digits: [secureDigits(AMEX)] });
    expect(await amex.run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'brand-not-accepted' } });

    const brand = setup(
      { retries: 2 },
      { digits: [secureDigits(AMEX), secureDigits(VISA), secureDigits('1228'), secureDigits('123')] },
    );
    expect((await brand.run()).exit).toBe('approved');
    expect(played(brand.call)[0]).toBe('This type of card is not accepted.');
  });

  it('refuses an expired card, a bad month and a short date, then accepts a good date', async () => {
    const { call, run } = setup(
      { retries: 4 },
      {
        digits: [
          secureDigits(VISA),
          secureDigits('1025'), // October 2025: before November 2026
          secureDigits('1326'), // month 13
          secureDigits('12', '#'), // two digits only
          secureDigits('1126'), // this month: still valid
          secureDigits('123'),
        ],
      },
    );
    expect((await run()).exit).toBe('approved');
    expect(played(call).slice(0, 3)).toEqual([
      'This card has expired.',
      'This date is not valid. Enter the month, then the year, two digits each.',
      'The number of digits is not right.',
    ]);
  });

  it('fails as expired when the date is never valid', async () => {
    const { run, payments } = setup(
      { retries: 2 },
      { digits: [secureDigits(VISA), secureDigits('0125'), secureDigits('0224')] },
    );
    expect(await run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'expired', last4: '1111' } });
    expect(payments.requests).toHaveLength(0);
  });

  it('checks the security code length per brand, and skips the code when it is not required', async () => {
    const short = secureDigits('12', '#');
    const { call, run } = setup({}, { digits: [secureDigits(VISA), secureDigits('1228'), short, secureDigits('123')] });
    expect((await run()).exit).toBe('approved');
    expect(zeroed(short.digits)).toBe(true);
    expect(played(call)[0]).toBe('The number of digits is not right.');

    const amexShort = setup(
      { acceptedBrands: ['amex'], retries: 1 },
      { digits: [secureDigits(AMEX), secureDigits('1228'), secureDigits('123', '#')] },
    );
    expect(await amexShort.run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'wrong-length' } });

    const noCode = setup({ requireSecurityCode: false }, { digits: [secureDigits(VISA), secureDigits('1228')] });
    expect((await noCode.run()).exit).toBe('approved');
    expect(noCode.payments.cards[0]!.securityCode).toBeUndefined();
  });

  it('reads the order from SIP headers (names configurable, case-insensitive), params as fallback', async () => {
    const { payments, run } = setup(
      {
        orderSource: 'sip-headers',
        headerNames: { orderId: 'X-Shop-Order' },
        resultHeaders: false,
      },
      {
        headers: {
          'x-operation': 'sale-tokenize',
          'X-Amount': '99.90',
          'X-Currency': 'eur',
          'X-Shop-Order': 'S-1',
          'X-Token-Id': 'cust-9',
          'X-Callback-Url': 'https://cc.example/cb',
        },
        digits: [secureDigits(VISA), secureDigits('1228'), secureDigits('123')],
      },
    );
    const result = await run();
    expect(result.exit).toBe('approved');
    expect(payments.requests[0]).toMatchObject({
      operation: 'sale-tokenize',
      amount: 99.9,
      currency: 'EUR',
      orderId: 'S-1',
      tokenId: 'cust-9',
    });
    expect(payments.deliveries[0]).toMatchObject({ url: 'https://cc.example/cb', orderId: 'S-1' });
  });

  it('fails without collecting anything when the order is unusable', async () => {
    const { call, payments, run } = setup(
      { orderSource: 'sip-headers' },
      { headers: { 'X-Amount': '12,50' }, digits: [secureDigits(VISA)] },
    );
    expect(await run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'invalid-order' } });
    expect(call.ops()).not.toContain('collectDigits');
    expect(call.ops()).not.toContain('maskRecording');
    expect(payments.requests).toHaveLength(0);
  });

  it('does not collect card data when the recording cannot be masked', async () => {
    const { call, run } = setup({}, { digits: [secureDigits(VISA)] });
    call.maskRecording = async () => {
      throw new Error('record_session_mask failed');
    };
    expect(await run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'mask-failed' } });
    expect(call.ops()).not.toContain('collectDigits');
  });

  it('refuses a port that answers a secure collection with plain digits, and still wipes and unmasks', async () => {
    const number = secureDigits(VISA);
    const { call, context, run } = setup({}, { digits: [number, { outcome: 'digits', digits: '1228' }] });
    expect(await run()).toMatchObject({ exit: 'failed', vars: { errorCode: 'capture-error' } });
    expect(zeroed(number.digits)).toBe(true);
    expect(call.ops()).toContain('unmaskRecording');
    expect(JSON.stringify(context.logs)).not.toContain('1228');
  });

  it('on hangup while entering: wipes, unmasks, reports cancelled to the callback and ends without an exit', async () => {
    const controller = new AbortController();
    const number = secureDigits(VISA);
    const { call, payments, run } = setup(
      { callbackUrl: 'https://cc.example/pay' },
      { digits: [number] },
      undefined,
      controller.signal,
    );
    const collect = call.collectDigits.bind(call);
    let collected = 0;
    call.collectDigits = async (options) => {
      collected += 1;
      if (collected === 1) return collect(options);
      // What the engine aborts with on hangup (a HangupSignal, told apart by its name here).
      controller.abort(Object.assign(new Error('the caller hung up'), { name: 'HangupSignal' }));
      throw controller.signal.reason;
    };
    await expect(run()).rejects.toThrow('the caller hung up');
    expect(zeroed(number.digits)).toBe(true);
    expect(call.ops()).toContain('unmaskRecording');
    expect(call.ops()).not.toContain('setOutgoingSipHeaders');
    expect(payments.deliveries.map((d) => d.result)).toEqual([{ status: 'cancelled', errorCode: 'hangup' }]);
  });

  it('keeps the processor call going after a hangup, so the outcome still reaches the callback', async () => {
    const controller = new AbortController();
    const { payments, run } = setup(
      { callbackUrl: 'https://cc.example/pay' },
      { digits: [secureDigits(VISA), secureDigits('1228'), secureDigits('123')] },
      (request) => {
        controller.abort(new Error('hangup'));
        expect(request.signal.aborted).toBe(false);
        return { status: 'approved', reference: 'late' };
      },
      controller.signal,
    );
    await run();
    expect(payments.deliveries.map((d) => d.result)).toEqual([
      { status: 'approved', reference: 'late', brand: 'visa', last4: '1111' },
    ]);
  });
});
