import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpRequest } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedConnections, neverAborted } from '../testing.js';
import { HttpAdapter } from './http-adapter.js';
import { hostMatches } from './host-policy.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A local server whose behaviour each test sets by path. */
function localServer(handlers: Record<string, Handler>) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const handler = handlers[new URL(req.url ?? '/', 'http://x').pathname];
      if (handler) handler(req, body, res);
      else res.writeHead(404).end();
    });
  });
  return server;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('HttpAdapter against a local server', () => {
  const hits = new Map<string, number>();
  const count = (path: string) => hits.set(path, (hits.get(path) ?? 0) + 1).get(path)!;
  const server = localServer({
    '/echo': (req, body, res) =>
      res.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          method: req.method,
          body: body ? JSON.parse(body) : null,
          auth: req.headers.authorization ?? null,
          query: req.url,
        }),
      ),
    '/flaky': (_req, _body, res) =>
      count('/flaky') < 3 ? res.writeHead(503).end('busy') : res.writeHead(200).end('{"ok":true}'),
    '/post-flaky': (_req, _body, res) => {
      count('/post-flaky');
      res.writeHead(503).end();
    },
    '/slow': (_req, _body, res) => {
      const timer = setTimeout(() => res.writeHead(200).end('late'), 2_000);
      res.on('close', () => clearTimeout(timer));
    },
    '/big': (_req, _body, res) => res.writeHead(200).end('x'.repeat(2_000)),
    '/to-metadata': (_req, _body, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end(),
    '/to-echo': (_req, _body, res) => res.writeHead(303, { location: '/echo' }).end(),
  });
  let base = '';
  const adapter = new HttpAdapter(undefined, { retryBaseDelayMs: 1, maxResponseBytes: 1_000 });
  const send = (path: string, extra: Partial<HttpRequest> = {}) =>
    adapter.request({
      method: 'GET',
      url: base + path,
      headers: {},
      timeoutMs: 2_000,
      retries: 0,
      signal: neverAborted,
      ...extra,
    });

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => close(server));

  it('sends method, headers and body, and returns status, headers and body', async () => {
    const result = await send('/echo?x=1', {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(result).toMatchObject({ outcome: 'response', status: 201, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse((result as { body: string }).body)).toEqual({
      method: 'POST',
      body: { a: 1 },
      auth: null,
      query: '/echo?x=1',
    });
  });

  it('retries an idempotent method on 5xx with back-off, but never a POST', async () => {
    expect(await send('/flaky', { retries: 3 })).toMatchObject({ outcome: 'response', status: 200 });
    expect(hits.get('/flaky')).toBe(3);
    expect(await send('/post-flaky', { method: 'POST', retries: 3 })).toMatchObject({ status: 503 });
    expect(hits.get('/post-flaky')).toBe(1);
  });

  it('reports a timeout, a refused connection and an oversized response', async () => {
    expect(await send('/slow', { timeoutMs: 100 })).toEqual({ outcome: 'timeout' });
    const closed = createServer();
    const closedPort = await listen(closed);
    await close(closed);
    expect(await send('', { url: `http://127.0.0.1:${closedPort}/` })).toMatchObject({
      outcome: 'network-error',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await send('/big')).toEqual({ outcome: 'network-error', message: 'the response is larger than 1000 bytes' });
  });

  it('checks every redirect hop against the host lists', async () => {
    expect(await send('/to-metadata')).toEqual({
      outcome: 'network-error',
      message: 'host 169.254.169.254 is denied by the server configuration',
    });
    expect(await send('/to-echo', { method: 'POST', body: '{}' })).toMatchObject({ outcome: 'response', status: 201 });
  });

  it('applies the allow list and refuses other schemes', async () => {
    const strict = new HttpAdapter(undefined, { hosts: { allow: ['*.example.org'], deny: [] } });
    const result = await strict.request({
      method: 'GET',
      url: base + '/echo',
      headers: {},
      timeoutMs: 1000,
      retries: 0,
      signal: neverAborted,
    });
    expect(result).toEqual({
      outcome: 'network-error',
      message: 'host 127.0.0.1 is not in the allow list of the server configuration',
    });
    expect(await send('', { url: 'file:///etc/passwd' })).toEqual({
      outcome: 'network-error',
      message: 'file: URLs are not allowed',
    });
    expect(hostMatches('api.example.org', '*.example.org')).toBe(true);
    expect(hostMatches('example.org', '*.example.org')).toBe(false);
    expect(hostMatches('evil-example.org', '*.example.org')).toBe(false);
  });

  it('resolves a relative URL against a named connection and adds its secret Authorization', async () => {
    const connections = fixedConnections({
      name: 'crm',
      type: 'http',
      driver: 'http',
      settings: { baseUrl: `${base}/` },
      secrets: { authorization: 'Bearer t0ken' },
    });
    const named = new HttpAdapter(connections);
    const result = await named.request({
      connection: 'crm',
      method: 'GET',
      url: 'echo',
      headers: {},
      timeoutMs: 1000,
      retries: 0,
      signal: neverAborted,
    });
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({ auth: 'Bearer t0ken' });
    // The connection admits its own host only.
    const away = await named.request({
      connection: 'crm',
      method: 'GET',
      url: 'http://localhost:1/',
      headers: {},
      timeoutMs: 1000,
      retries: 0,
      signal: neverAborted,
    });
    expect(away).toEqual({
      outcome: 'network-error',
      message: 'host localhost is not in the allow list of the connection',
    });
  });
});

describe.skipIf(!hasOpenssl())('HttpAdapter and TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-tls-'));
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = createTlsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => res.end('secret'),
    );
    port = await listen(server);
  });
  afterAll(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies certificates: a self-signed server is a network error, not a response', async () => {
    const result = await new HttpAdapter(undefined).request({
      method: 'GET',
      url: `https://127.0.0.1:${port}/`,
      headers: {},
      timeoutMs: 2000,
      retries: 0,
      signal: neverAborted,
    });
    expect(result).toMatchObject({
      outcome: 'network-error',
      message: expect.stringMatching(/SELF_SIGNED|certificate/i),
    });
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
