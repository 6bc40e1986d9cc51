/**
 * The PCI card-capture block (DESIGN.md §7, docs/pci.md).
 *
 * Card data handling, in order:
 * - the session recording is masked before the first prompt and unmasked after the buffers are
 *   wiped; if masking fails nothing is collected;
 * - digits are collected with `secure: true`: the call port neither logs nor traces them and hands
 *   them over as ASCII bytes in a Uint8Array, which this executor never turns into a string (the
 *   checks in card.ts work on the bytes; only the last four digits become a string);
 * - every buffer collected (rejected attempts included) is overwritten with zeros in `finally`,
 *   after the processor has answered or failed, whatever the outcome; rejected attempts are wiped
 *   at once;
 * - the processor port gets the buffers themselves (PaymentRequest.card); if a connector has to
 *   put the number into a request body, it does so inside its own call and drops it (the runtime's
 *   connectors write the bytes straight into a body buffer that they wipe too);
 * - logs, trace notes, exceptions and result variables carry status, brand, last four digits and
 *   codes only. The engine additionally redacts this step's variables in traces (sensitive step).
 */
import type { ExecutionContext, ExecutionResult, Executor } from '../../executor.js';
import type { CallPort, CollectDigitsResult } from '../../ports/call.js';
import type { PaymentOperation, PaymentOutcome, PaymentResultDelivery } from '../../ports/payments.js';
import { renderPrompt, requireCall } from '../../shared/call-helpers.js';
import type { Prompt } from '../../shared/prompt.js';
import {
  checkCardNumber,
  checkExpiry,
  hasStar,
  isAllDigits,
  lastFour,
  securityCodeLength,
  wipe,
  type CardBrand,
} from './card.js';
import { PAYMENT_OPERATIONS, type PaymentParams } from './definition.js';

/** The result of the block as the call center sees it (variables, SIP headers, callback). */
export type PaymentStatus = PaymentOutcome['status'] | 'cancelled';
export type PaymentResult = Omit<PaymentOutcome, 'status'> & { status: PaymentStatus };

/** Why a step's entry was refused; each has its prompt, and the last one is the errorCode when attempts run out. */
type EntryProblem = 'noinput' | 'invalid-number' | 'brand-not-accepted' | 'wrong-length' | 'invalid-expiry' | 'expired';

type Prompts = PaymentParams['prompts'];
const PROBLEM_PROMPT: Record<EntryProblem, keyof Prompts> = {
  noinput: 'noinput',
  'invalid-number': 'invalidNumber',
  'brand-not-accepted': 'unsupportedBrand',
  'wrong-length': 'wrongLength',
  'invalid-expiry': 'invalidExpiry',
  expired: 'expired',
};

/** SIP headers set for the next transfer or bridge when `resultHeaders` is on. */
export const PAYMENT_RESULT_HEADERS = {
  status: 'X-Payment-Status',
  token: 'X-Payment-Token',
  last4: 'X-Payment-Last4',
  brand: 'X-Payment-Brand',
  authCode: 'X-Payment-Auth-Code',
  reference: 'X-Payment-Reference',
  errorCode: 'X-Payment-Error',
  orderId: 'X-Payment-Order-Id',
} as const;

interface Order {
  operation: PaymentOperation;
  amount: number;
  currency: string;
  orderId?: string;
  tokenId?: string;
  description?: string;
  callbackUrl?: string;
}

type StepOutcome =
  { kind: 'entered'; digits: Uint8Array } | { kind: 'cancelled' } | { kind: 'refused'; problem: EntryProblem };

export const paymentExecutor: Executor<PaymentParams> = async (context) => {
  const { signal } = context;
  const call = requireCall(context);

  const order = await readOrder(context, call);
  if (typeof order === 'string') {
    context.log.warn('payment not started: the order data is not usable', { problem: order });
    return finish(context, call, undefined, { status: 'failed', errorCode: 'invalid-order' });
  }

  try {
    await call.maskRecording();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    // Collecting card data into an unmasked recording is worse than not taking the payment.
    context.log.error('payment not started: the call recording could not be masked', { error: describe(error) });
    return finish(context, call, order, { status: 'failed', errorCode: 'mask-failed' });
  }

  const buffers: Uint8Array[] = [];
  let result: PaymentResult | undefined;
  let fault: unknown;
  try {
    result = await captureAndProcess(context, call, order, buffers);
  } catch (error) {
    fault = error;
  } finally {
    for (const buffer of buffers) wipe(buffer);
    buffers.length = 0;
    await call.unmaskRecording().catch((error: unknown) => {
      // After a hangup the channel is gone, and its recording with it.
      if (!signal.aborted) context.log.warn('the call recording could not be unmasked', { error: describe(error) });
    });
  }

  if (result === undefined) {
    if (signal.aborted) {
      // Hung up (or stopped) while entering the card: the call center still learns the outcome.
      const hungUp = (signal.reason as Error | undefined)?.name === 'HangupSignal';
      await sendCallback(context, order, { status: 'cancelled', errorCode: hungUp ? 'hangup' : 'interrupted' });
      throw signal.reason;
    }
    context.log.error('payment capture failed', { error: describe(fault) });
    result = { status: 'failed', errorCode: 'capture-error' };
  }
  return finish(context, call, order, result);
};

/** Steps 1-3 (number, expiry, code) then the processor. Buffers it gets go into `buffers` for the caller to wipe. */
async function captureAndProcess(
  context: ExecutionContext<PaymentParams>,
  call: CallPort,
  order: Order,
  buffers: Uint8Array[],
): Promise<PaymentResult> {
  const { params } = context;
  const accepted = params.acceptedBrands as readonly CardBrand[];
  // Filled by the checks as they pass (closures: a holder, so the compiler sees the writes).
  const entered: { brand?: CardBrand; expiryMonth: number; expiryYear: number } = { expiryMonth: 0, expiryYear: 0 };

  const number = await collectStep(context, call, buffers, {
    prompt: params.prompts.cardNumber,
    maxDigits: 19,
    check: (digits) => {
      const checked = checkCardNumber(digits, accepted);
      if (!checked.ok) return checked.problem;
      entered.brand = checked.brand;
      return undefined;
    },
  });
  if (number.kind !== 'entered') return stepEnding(number);
  const cardBrand = entered.brand;
  if (cardBrand === undefined) throw new Error('the card number passed its checks without a brand');
  const last4 = lastFour(number.digits);

  const expiry = await collectStep(context, call, buffers, {
    prompt: params.prompts.expiry,
    maxDigits: 4,
    check: (digits) => {
      const checked = checkExpiry(digits, context.ports.clock.now());
      if (!checked.ok) return checked.problem;
      entered.expiryMonth = checked.month;
      entered.expiryYear = checked.year;
      return undefined;
    },
  });
  if (expiry.kind !== 'entered') return { ...stepEnding(expiry), brand: cardBrand, last4 };

  let securityCode: Uint8Array | undefined;
  if (params.requireSecurityCode) {
    const length = securityCodeLength(cardBrand);
    const code = await collectStep(context, call, buffers, {
      prompt: params.prompts.securityCode,
      maxDigits: length,
      check: (digits) => (digits.length === length && isAllDigits(digits) ? undefined : 'wrong-length'),
    });
    if (code.kind !== 'entered') return { ...stepEnding(code), brand: cardBrand, last4 };
    securityCode = code.digits;
  }

  await call.play(renderPrompt(context, params.prompts.processing), { signal: context.signal });

  // The processor call is not tied to the step's signal: once the request is sent, a hangup must
  // not leave the payment's outcome unknown. It is bounded by the processor timeout instead.
  const processing = new AbortController();
  let outcome: PaymentOutcome;
  try {
    outcome = await context.ports.payments.process({
      connection: params.connection,
      operation: order.operation,
      amount: order.amount,
      currency: order.currency,
      ...(order.orderId !== undefined ? { orderId: order.orderId } : {}),
      ...(order.tokenId !== undefined ? { tokenId: order.tokenId } : {}),
      ...(order.description !== undefined ? { description: order.description } : {}),
      idempotencyKey: globalThis.crypto.randomUUID(),
      card: {
        number: number.digits,
        brand: cardBrand,
        expiryMonth: entered.expiryMonth,
        expiryYear: entered.expiryYear,
        ...(securityCode ? { securityCode } : {}),
      },
      timeoutMs: params.processorTimeout * 1000,
      signal: processing.signal,
    });
  } catch (error) {
    context.log.warn('the payment processor call failed', { connection: params.connection, error: describe(error) });
    outcome = { status: 'failed', errorCode: 'processor-error' };
  }
  const status = (['approved', 'declined', 'failed'] as const).includes(outcome.status) ? outcome.status : 'failed';
  // Brand and last four come from what the caller typed, never from what the processor echoes.
  return { ...pickOutcome(outcome), status, brand: cardBrand, last4 };
}

function stepEnding(step: Exclude<StepOutcome, { kind: 'entered' }>): PaymentResult {
  return step.kind === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', errorCode: step.problem };
}

/**
 * One entry with its attempts: the step prompt, then on a refusal the refusal's own prompt before
 * the step prompt again. `*` (as the terminator or among the digits) cancels at once.
 */
async function collectStep(
  context: ExecutionContext<PaymentParams>,
  call: CallPort,
  buffers: Uint8Array[],
  step: { prompt: Prompt; maxDigits: number; check: (digits: Uint8Array) => EntryProblem | undefined },
): Promise<StepOutcome> {
  const { params, signal } = context;
  const prompt = renderPrompt(context, step.prompt);
  let problem: EntryProblem = 'noinput';
  for (let attempt = 0; attempt < params.retries; attempt += 1) {
    if (attempt > 0) await call.play(renderPrompt(context, params.prompts[PROBLEM_PROMPT[problem]]), { signal });
    const result: CollectDigitsResult = await call.collectDigits({
      prompt,
      minDigits: 1,
      maxDigits: step.maxDigits,
      terminators: '#*',
      firstDigitTimeoutMs: params.timeout * 1000,
      interDigitTimeoutMs: params.interDigitTimeout * 1000,
      bargeIn: true,
      secure: true,
      signal,
    });
    if (result.outcome === 'digits') {
      // A port that ignores `secure` has already put the digits in a string: refuse to go on.
      throw new Error('the call port answered a secure collection with plain digits');
    }
    if (result.outcome === 'noinput') {
      problem = 'noinput';
      continue;
    }
    const digits = result.digits;
    buffers.push(digits);
    if (result.terminator === '*' || hasStar(digits)) return { kind: 'cancelled' };
    if (digits.length === 0) {
      problem = 'noinput';
      continue;
    }
    const refused = step.check(digits);
    if (refused === undefined) return { kind: 'entered', digits };
    wipe(digits);
    problem = refused;
  }
  return { kind: 'refused', problem };
}

/** Order data from params, overridden by incoming SIP headers when the block reads them; a problem name when unusable. */
async function readOrder(context: ExecutionContext<PaymentParams>, call: CallPort): Promise<Order | string> {
  const { params } = context;
  const optional = (template: string | undefined) => {
    const value = template === undefined ? '' : context.renderTemplate(template).trim();
    return value === '' ? undefined : value;
  };
  let operation: string = params.operation;
  let amount: unknown = params.operation === 'tokenize' ? 0 : context.evaluate(params.amount);
  let currency = context.renderTemplate(params.currency).trim().toUpperCase();
  let orderId = optional(params.orderId);
  let tokenId = optional(params.tokenId);
  let description = optional(params.description);
  let callbackUrl = optional(params.callbackUrl);

  if (params.orderSource === 'sip-headers') {
    const incoming = await call.incomingSipHeaders();
    const byLowerName = new Map(Object.entries(incoming).map(([name, value]) => [name.toLowerCase(), value.trim()]));
    const header = (name: string) => {
      const value = byLowerName.get(name.toLowerCase());
      return value === undefined || value === '' ? undefined : value;
    };
    const names = params.headerNames;
    operation = header(names.operation)?.toLowerCase() ?? operation;
    const amountHeader = header(names.amount);
    if (amountHeader !== undefined) amount = /^\d{1,12}(\.\d{1,4})?$/.test(amountHeader) ? Number(amountHeader) : NaN;
    currency = header(names.currency)?.toUpperCase() ?? currency;
    orderId = header(names.orderId) ?? orderId;
    tokenId = header(names.tokenId) ?? tokenId;
    description = header(names.description) ?? description;
    callbackUrl = header(names.callbackUrl) ?? callbackUrl;
  }

  if (!(PAYMENT_OPERATIONS as readonly string[]).includes(operation)) return 'unknown-operation';
  const op = operation as PaymentOperation;
  if (op === 'tokenize') amount = 0;
  if (typeof amount === 'bigint') amount = Number(amount);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return 'invalid-amount';
  if (op !== 'tokenize' && amount <= 0) return 'invalid-amount';
  if (!/^[A-Z]{3}$/.test(currency)) return 'invalid-currency';
  if (callbackUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(callbackUrl)) return 'invalid-callback-url';
  return {
    operation: op,
    amount,
    currency,
    ...(orderId !== undefined ? { orderId } : {}),
    ...(tokenId !== undefined ? { tokenId } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(callbackUrl !== undefined ? { callbackUrl } : {}),
  };
}

/** Variables, SIP headers for the next transfer, the callback, the exit. */
async function finish(
  context: ExecutionContext<PaymentParams>,
  call: CallPort,
  order: Order | undefined,
  result: PaymentResult,
): Promise<ExecutionResult> {
  const { params, signal } = context;
  const fields: Record<keyof PaymentParams['map'], string> = {
    status: result.status,
    token: result.token ?? '',
    last4: result.last4 ?? '',
    brand: result.brand ?? '',
    authCode: result.authCode ?? '',
    reference: result.reference ?? '',
    errorCode: result.errorCode ?? '',
  };
  const vars: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(params.map)) {
    if (variable) vars[variable] = fields[field as keyof typeof fields];
  }

  if (params.resultHeaders && !signal.aborted) {
    const headers: Record<string, string> = {};
    for (const [field, name] of Object.entries(PAYMENT_RESULT_HEADERS)) {
      const value = field === 'orderId' ? (order?.orderId ?? '') : fields[field as keyof typeof fields];
      if (value !== '') headers[name] = value;
    }
    await call.setOutgoingSipHeaders(headers);
  }
  if (order) await sendCallback(context, order, result);

  context.log.info('payment finished', {
    operation: order?.operation,
    status: result.status,
    ...(result.errorCode ? { errorCode: result.errorCode } : {}),
  });
  const exit = result.status === 'cancelled' ? 'cancelled' : result.status;
  return { exit, vars };
}

/** Queues the signed POST of the result; a queueing fault is logged, it never changes the payment's exit. */
async function sendCallback(
  context: ExecutionContext<PaymentParams>,
  order: Order,
  result: PaymentResult,
): Promise<void> {
  if (order.callbackUrl === undefined) return;
  const delivered: PaymentResultDelivery['result'] =
    result.status === 'cancelled'
      ? { status: 'cancelled', ...(result.errorCode ? { errorCode: result.errorCode } : {}) }
      : { ...pickOutcome(result), status: result.status };
  try {
    await context.ports.payments.deliverResult({
      url: order.callbackUrl,
      connection: context.params.connection,
      operation: order.operation,
      amount: order.amount,
      currency: order.currency,
      ...(order.orderId !== undefined ? { orderId: order.orderId } : {}),
      ...(context.ports.call ? { callId: context.ports.call.id } : {}),
      result: delivered,
    });
  } catch (error) {
    context.log.error('the payment result callback could not be queued', { error: describe(error) });
  }
}

/** Only the outcome fields the port defines: a port returning more (a card echo) is not passed on. */
function pickOutcome(outcome: Omit<PaymentOutcome, 'status'>): Omit<PaymentOutcome, 'status'> {
  const picked: Omit<PaymentOutcome, 'status'> = {};
  for (const key of ['token', 'last4', 'brand', 'authCode', 'reference', 'errorCode'] as const) {
    const value = outcome[key];
    if (typeof value === 'string' && value !== '') picked[key] = value.slice(0, 256);
  }
  return picked;
}

/** An error for a log line: its name and message with any long run of digits blanked, in case a port quoted one. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\d[\d\s-]{7,}\d/g, '[digits]').slice(0, 500);
}
