import type { HttpMethod, HttpPort, HttpRequest, HttpResult } from '@ivr/components';
import { z } from 'zod';
import {
  ConnectionConfigError,
  errorText,
  requireConnection,
  type ConnectionResolver,
} from '../connection-resolver.js';
import { hostRefusal, type HostRules } from './host-policy.js';

export interface HttpAdapterOptions {
  /** Server-wide allow/deny lists (IVR_HTTP_ALLOW_HOSTS, IVR_HTTP_DENY_HOSTS). */
  hosts: HostRules;
  /** A larger response is refused rather than held in memory. */
  maxResponseBytes: number;
  /** First retry waits this long, each next one twice as long. */
  retryBaseDelayMs: number;
  maxRedirects: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpAdapterOptions = {
  // Cloud metadata endpoints hand out credentials: never a scenario's business.
  hosts: { allow: [], deny: ['169.254.169.254', 'metadata.google.internal'] },
  maxResponseBytes: 1024 * 1024,
  retryBaseDelayMs: 500,
  maxRedirects: 5,
};

/** A named HTTP connection: base URL, fixed headers, its own allowed hosts, and a secret Authorization value. */
const connectionSettings = z.object({
  baseUrl: z.string().url().optional(),
  url: z.string().url().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  allowHosts: z.array(z.string()).optional(),
});

/** Methods that may be repeated without changing the outcome (RFC 9110 9.2.2). */
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

type Attempt = HttpResult | { outcome: 'refused'; message: string };

/**
 * The HttpPort over Node's fetch (undici): TLS certificates are always verified, every host (and
 * every redirect hop) is checked against the allow/deny lists, idempotent methods are retried with
 * exponential back-off on timeouts, network errors and 5xx.
 */
export class HttpAdapter implements HttpPort {
  private readonly options: HttpAdapterOptions;

  constructor(
    private readonly connections: ConnectionResolver | undefined,
    options: Partial<HttpAdapterOptions> = {},
  ) {
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...options };
  }

  async request(request: HttpRequest): Promise<HttpResult> {
    let target: { url: URL; headers: Record<string, string>; connectionRules?: HostRules };
    try {
      target = await this.target(request);
    } catch (error) {
      return { outcome: 'network-error', message: errorText(error) };
    }
    const attempts = IDEMPOTENT.has(request.method) ? 1 + request.retries : 1;
    let result: HttpResult = { outcome: 'timeout' };
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) await sleep(this.options.retryBaseDelayMs * 2 ** (attempt - 1), request.signal);
      const outcome = await this.attempt(request, target);
      // A refused host stays refused: no retry.
      if (outcome.outcome === 'refused') return { outcome: 'network-error', message: outcome.message };
      result = outcome;
      const retryable = result.outcome !== 'response' || result.status >= 500;
      if (!retryable) break;
    }
    return result;
  }

  private async target(request: HttpRequest) {
    const headers: Record<string, string> = {};
    let base: string | undefined;
    let connectionRules: HostRules | undefined;
    if (request.connection) {
      if (!this.connections) throw new ConnectionConfigError('named HTTP connections are not available here');
      const connection = await requireConnection(this.connections, request.connection, 'http');
      const parsed = connectionSettings.safeParse(connection.settings);
      if (!parsed.success) throw new ConnectionConfigError(`connection "${connection.name}" has invalid settings`);
      base = parsed.data.baseUrl ?? parsed.data.url;
      Object.assign(headers, parsed.data.headers);
      if (connection.secrets.authorization) headers.Authorization = connection.secrets.authorization;
      const allow = parsed.data.allowHosts ?? (base ? [new URL(base).hostname] : []);
      connectionRules = { allow, deny: [] };
    }
    let url: URL;
    try {
      url = base ? new URL(request.url, base) : new URL(request.url);
    } catch {
      throw new Error(base ? 'the URL is not valid' : 'the URL is not absolute and no connection gives a base URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.protocol} URLs are not allowed`);
    // The scenario's own headers win over the connection's fixed ones, except the secret Authorization.
    const merged = { ...request.headers, ...headers };
    return { url, headers: merged, ...(connectionRules ? { connectionRules } : {}) };
  }

  private refusal(url: URL, connectionRules: HostRules | undefined): string | undefined {
    return (
      hostRefusal(url.hostname, this.options.hosts, 'the server configuration') ??
      (connectionRules ? hostRefusal(url.hostname, connectionRules, 'the connection') : undefined)
    );
  }

  private async attempt(
    request: HttpRequest,
    target: { url: URL; headers: Record<string, string>; connectionRules?: HostRules },
  ): Promise<Attempt> {
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const signal = AbortSignal.any([request.signal, deadline]);
    let url = target.url;
    let method: string = request.method;
    let body = request.body;
    try {
      for (let hop = 0; ; hop += 1) {
        const refused = this.refusal(url, target.connectionRules);
        if (refused) return { outcome: 'refused', message: refused };
        // Redirects are followed here, not by fetch, so that every hop passes the host check.
        const response = await fetch(url, {
          method,
          headers: target.headers,
          ...(body !== undefined ? { body } : {}),
          redirect: 'manual',
          signal,
        });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location && hop < this.options.maxRedirects) {
          await response.body?.cancel();
          url = new URL(location, url);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
          continue;
        }
        const text = await readCapped(response, this.options.maxResponseBytes);
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        return { outcome: 'response', status: response.status, headers, body: text };
      }
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      if (deadline.aborted) return { outcome: 'timeout' };
      return { outcome: 'network-error', message: networkMessage(error) };
    }
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the response is larger than ${maxBytes} bytes`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error(`the response is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** fetch says "fetch failed"; the reason (refused, DNS, certificate) is in its cause. */
function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code || cause?.message) return [cause.code, cause.message].filter(Boolean).join(': ');
  return errorText(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}
