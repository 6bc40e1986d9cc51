/**
 * The sandbox processor: a small HTTP server on 127.0.0.1 that behaves like a card processor for
 * tests, samples, demos and the embedded default. It speaks the JSON API that the https-json
 * connector sends by default (POST /v1/payments), approves or declines by the test card numbers
 * below, tokenizes, honours idempotency keys, and can be told to be slow or to fail.
 *
 * It is the processor: it necessarily reads the card number it is sent. It keeps none of it (a
 * token remembers brand and last four only) and logs nothing.
 *
 * Test cards (any expiry in the future, any security code but 000):
 *
 * | number           | brand      | answer                              |
 * | ---------------- | ---------- | ----------------------------------- |
 * | 4111111111111111 | visa       | approved                            |
 * | 5555555555554444 | mastercard | approved                            |
 * | 2200000000000004 | mir        | approved                            |
 * | 378282246310005  | amex       | approved                            |
 * | 4000000000000002 | visa       | declined: card-declined             |
 * | 4000000000009995 | visa       | declined: insufficient-funds        |
 * | 4000000000000069 | visa       | declined: expired-card              |
 * | 4000000000000119 | visa       | failed: processing-error            |
 *
 * Security code 000 is declined (security-code-mismatch); an expiry in the past is declined
 * (expired-card); any other number is declined (unknown-test-card).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Answer = { status: 'approved' } | { status: 'declined' | 'failed'; errorCode: string };

/** The documented test cards, by number (the only place outside tests where they are written). */
export const SANDBOX_TEST_CARDS: Readonly<Record<string, { brand: string; answer: Answer }>> = {
  '4111111111111111': { brand: 'visa', answer: { status: 'approved' } },
  '5555555555554444': { brand: 'mastercard', answer: { status: 'approved' } },
  '2200000000000004': { brand: 'mir', answer: { status: 'approved' } },
  '378282246310005': { brand: 'amex', answer: { status: 'approved' } },
  '4000000000000002': { brand: 'visa', answer: { status: 'declined', errorCode: 'card-declined' } },
  '4000000000009995': { brand: 'visa', answer: { status: 'declined', errorCode: 'insufficient-funds' } },
  '4000000000000069': { brand: 'visa', answer: { status: 'declined', errorCode: 'expired-card' } },
  '4000000000000119': { brand: 'visa', answer: { status: 'failed', errorCode: 'processing-error' } },
};

export type SandboxBehaviour =
  /** Answers at once. */
  | { mode: 'normal' }
  /** Waits `delayMs` before answering (a client that gives up first is simply dropped). */
  | { mode: 'slow'; delayMs: number }
  /** Answers 503 to the next `times` payment requests (every one when absent), then normally again. */
  | { mode: 'fail'; times?: number };

export interface SandboxOptions {
  /** 0 (default): any free port. */
  port?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Used for the expiry check; the real clock by default. */
  now?: () => Date;
}

export interface SandboxStats {
  /** Payment requests received (replays included). */
  requests: number;
  /** Distinct operations carried out (an idempotent replay is not a second one). */
  operations: number;
  replays: number;
  /** Idempotency keys in the order received. */
  idempotencyKeys: string[];
}

export interface SandboxProcessor {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The endpoint the connector posts to. */
  readonly paymentsUrl: string;
  setBehaviour(behaviour: SandboxBehaviour): void;
  stats(): SandboxStats;
  /** Brand and last four of a token it issued. */
  token(token: string): { brand: string; last4: string; tokenId?: string } | undefined;
  close(): Promise<void>;
}

interface PaymentBody {
  operation?: unknown;
  amount?: unknown;
  currency?: unknown;
  orderId?: unknown;
  tokenId?: unknown;
  card?: { number?: unknown; expiryMonth?: unknown; expiryYear?: unknown; securityCode?: unknown };
}

/** Starts the sandbox on 127.0.0.1; resolves once it listens. */
export async function startSandboxProcessor(options: SandboxOptions = {}): Promise<SandboxProcessor> {
  const now = options.now ?? (() => new Date());
  let behaviour: SandboxBehaviour = { mode: 'normal' };
  let failuresLeft = 0;
  const stats: SandboxStats = { requests: 0, operations: 0, replays: 0, idempotencyKeys: [] };
  const byKey = new Map<string, { status: number; body: string }>();
  const tokens = new Map<string, { brand: string; last4: string; tokenId?: string }>();
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;

  const answerPayment = (body: PaymentBody): { status: number; body: Record<string, unknown> } => {
    const operation = body.operation;
    if (operation !== 'sale' && operation !== 'sale-tokenize' && operation !== 'tokenize') {
      return { status: 400, body: { status: 'failed', errorCode: 'invalid-operation' } };
    }
    const amount = typeof body.amount === 'number' ? body.amount : NaN;
    if (!Number.isFinite(amount) || amount < 0 || (operation !== 'tokenize' && amount === 0)) {
      return { status: 400, body: { status: 'failed', errorCode: 'invalid-amount' } };
    }
    const card = body.card ?? {};
    const number = typeof card.number === 'string' ? card.number : '';
    const known = SANDBOX_TEST_CARDS[number];
    sequence += 1;
    const reference = `sbx_${Date.now().toString(36)}_${sequence}`;
    if (!known) return { status: 200, body: { status: 'declined', errorCode: 'unknown-test-card', reference } };
    const month = Number(card.expiryMonth);
    const year = Number(card.expiryYear);
    const today = now();
    if (!(month >= 1 && month <= 12) || year * 12 + month - 1 < today.getUTCFullYear() * 12 + today.getUTCMonth()) {
      return { status: 200, body: { status: 'declined', errorCode: 'expired-card', reference } };
    }
    if (card.securityCode === '000') {
      return { status: 200, body: { status: 'declined', errorCode: 'security-code-mismatch', reference } };
    }
    if (known.answer.status !== 'approved') return { status: 200, body: { ...known.answer, reference } };
    const result: Record<string, unknown> = { status: 'approved', reference };
    if (operation !== 'tokenize') result.authCode = String(100000 + (sequence % 900000));
    if (operation !== 'sale') {
      const token = `tok_${randomBytes(12).toString('hex')}`;
      tokens.set(token, {
        brand: known.brand,
        last4: number.slice(-4),
        ...(typeof body.tokenId === 'string' ? { tokenId: body.tokenId } : {}),
      });
      result.token = token;
    }
    return { status: 200, body: result };
  };

  const authorized = (request: IncomingMessage) => {
    if (!options.apiKey) return true;
    const given = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${options.apiKey}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const send = (response: ServerResponse, status: number, body: string) => {
    if (response.destroyed) return;
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  };

  const handlePayment = (request: IncomingMessage, response: ServerResponse, raw: Buffer) => {
    stats.requests += 1;
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key !== '' ? key : undefined;
    if (idempotencyKey) stats.idempotencyKeys.push(idempotencyKey);
    if (!authorized(request))
      return send(response, 401, JSON.stringify({ status: 'failed', errorCode: 'unauthorized' }));
    if (behaviour.mode === 'fail' && (behaviour.times === undefined || failuresLeft > 0)) {
      failuresLeft -= 1;
      if (behaviour.times !== undefined && failuresLeft <= 0) behaviour = { mode: 'normal' };
      return send(response, 503, JSON.stringify({ status: 'failed', errorCode: 'sandbox-unavailable' }));
    }
    const replay = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
    let answer: { status: number; body: string };
    if (replay) {
      stats.replays += 1;
      answer = replay;
    } else {
      let body: PaymentBody;
      try {
        body = JSON.parse(raw.toString('utf8')) as PaymentBody;
      } catch {
        return send(response, 400, JSON.stringify({ status: 'failed', errorCode: 'invalid-json' }));
      } finally {
        raw.fill(0);
      }
      const result = answerPayment(body);
      answer = { status: result.status, body: JSON.stringify(result.body) };
      if (result.status === 200) {
        stats.operations += 1;
        if (idempotencyKey) byKey.set(idempotencyKey, answer);
      }
    }
    const delayMs = behaviour.mode === 'slow' ? behaviour.delayMs : 0;
    if (delayMs <= 0) return send(response, answer.status, answer.body);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(response, answer.status, answer.body);
    }, delayMs);
    timers.add(timer);
    response.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const handleControl = (response: ServerResponse, raw: Buffer) => {
    try {
      const next = JSON.parse(raw.toString('utf8')) as SandboxBehaviour;
      if (next.mode === 'slow' && !(typeof next.delayMs === 'number' && next.delayMs >= 0)) throw new Error();
      if (next.mode !== 'normal' && next.mode !== 'slow' && next.mode !== 'fail') throw new Error();
      setBehaviour(next);
      send(response, 200, JSON.stringify({ behaviour }));
    } catch {
      send(response, 400, JSON.stringify({ error: 'expected {"mode":"normal"|"slow"|"fail", "delayMs"?, "times"?}' }));
    }
  };

  const setBehaviour = (next: SandboxBehaviour) => {
    behaviour = next;
    failuresLeft = next.mode === 'fail' ? (next.times ?? 0) : 0;
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      for (const chunk of chunks) chunk.fill(0);
      const route = `${request.method} ${request.url?.split('?')[0]}`;
      if (route === 'POST /v1/payments') return handlePayment(request, response, raw);
      if (route === 'POST /sandbox/behaviour') return handleControl(response, raw);
      if (route === 'GET /health') return send(response, 200, JSON.stringify({ status: 'ok', behaviour }));
      send(response, 404, JSON.stringify({ error: 'not found' }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    paymentsUrl: `${url}/v1/payments`,
    setBehaviour,
    stats: () => ({ ...stats, idempotencyKeys: [...stats.idempotencyKeys] }),
    token: (token) => tokens.get(token),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
