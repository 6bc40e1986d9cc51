/**
 * The control API over HTTP (JSON) and WebSocket: place calls, press keys, hang up, define
 * endpoints, read call histories, and a live stream of call activity at /events.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Emulator } from './emulator.js';
import type { EndpointDefinition } from './switch.js';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'expected a JSON object');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function endpointFrom(body: Record<string, unknown>): EndpointDefinition {
  const match = str(body.match);
  const outcome = str(body.outcome);
  const outcomes = ['answer', 'busy', 'noanswer', 'decline', 'unreachable', 'fail'];
  if (!match || !outcome || !outcomes.includes(outcome))
    throw new HttpError(400, `endpoint needs "match" and "outcome" (${outcomes.join(', ')})`);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    match: match.startsWith('/') && match.endsWith('/') && match.length > 2 ? new RegExp(match.slice(1, -1)) : match,
    outcome: outcome as EndpointDefinition['outcome'],
    afterSeconds: num(body.afterSeconds),
    hangupAfterSeconds: num(body.hangupAfterSeconds),
    pressDigits: str(body.pressDigits),
    cause: str(body.cause),
  };
}

export async function startControlServer(emulator: Emulator, opts: { host?: string; port?: number } = {}) {
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    if (parts[0] === 'calls') {
      if (parts.length === 1 && method === 'GET') return send(res, 200, emulator.calls());
      if (parts.length === 1 && method === 'POST') {
        const body = await readJson(req);
        const to = str(body.to);
        if (!to) throw new HttpError(400, '"to" (the dialed number) is required');
        const headers =
          body.headers && typeof body.headers === 'object' ? (body.headers as Record<string, string>) : undefined;
        const call = emulator.placeCall({ to, from: str(body.from), fromName: str(body.fromName), headers });
        return send(res, 201, { uuid: call.uuid });
      }
      const uuid = parts[1]!;
      if (parts.length === 2 && method === 'GET') {
        const h = emulator.history(uuid);
        return h ? send(res, 200, h) : send(res, 404, { error: 'no such call' });
      }
      if (parts[2] === 'dtmf' && method === 'POST') {
        const digits = str((await readJson(req)).digits);
        if (!digits || !/^[0-9*#A-D]+$/.test(digits)) throw new HttpError(400, '"digits" must be DTMF keys');
        if (!emulator.switch.sessions.has(uuid)) return send(res, 404, { error: 'no such call' });
        void emulator.pressDigits(uuid, digits).catch(() => {});
        return send(res, 202, { ok: true });
      }
      if (parts[2] === 'hangup' && method === 'POST') {
        if (!emulator.switch.sessions.has(uuid)) return send(res, 404, { error: 'no such call' });
        emulator.hangup(uuid, str((await readJson(req)).cause));
        return send(res, 200, { ok: true });
      }
      if (parts[2] === 'audio' && method === 'POST') {
        const audio = str((await readJson(req)).audio);
        if (audio !== 'speech' && audio !== 'silence') throw new HttpError(400, '"audio" is speech or silence');
        emulator.setCallerAudio(uuid, audio);
        return send(res, 200, { ok: true });
      }
    }
    if (parts[0] === 'endpoints') {
      if (method === 'GET')
        return send(
          res,
          200,
          emulator.endpoints.map((e) => ({ ...e, match: String(e.match) })),
        );
      if (method === 'POST') {
        emulator.defineEndpoint(endpointFrom(await readJson(req)));
        return send(res, 201, { ok: true });
      }
    }
    if (parts[0] === 'api' && method === 'POST') {
      const command = str((await readJson(req)).command);
      if (!command) throw new HttpError(400, '"command" is required');
      return send(res, 200, { output: await emulator.api(command) });
    }
    if (parts[0] === 'health') return send(res, 200, { ok: true, calls: emulator.activeCalls });
    send(res, 404, { error: 'not found' });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) send(res, error.status, { error: error.message });
      else send(res, 500, { error: String(error) });
    });
  });
  server.on('connection', (socket) => socket.setNoDelay(true));
  const wss = new WebSocketServer({ server, path: '/events' });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
  });
  const off = emulator.onActivity((entry) => {
    const text = JSON.stringify(entry);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });
  server.listen(opts.port ?? 8022, opts.host ?? '127.0.0.1');
  await once(server, 'listening');
  const a = server.address();
  const port = a && typeof a === 'object' ? a.port : 0;
  const host = opts.host ?? '127.0.0.1';
  return {
    address: { host, port, url: `http://${host}:${port}` },
    async close() {
      off();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
