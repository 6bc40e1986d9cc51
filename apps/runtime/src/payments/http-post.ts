/**
 * One HTTP(S) POST of a body held in a Buffer, over node:http / node:https rather than fetch: the
 * request body is handed to the socket as the very buffer the caller built (and wipes), with no
 * copy into a string or a stream chunk the caller cannot reach. TLS certificates are verified.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostRequest {
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
  timeoutMs: number;
  signal?: AbortSignal;
  /** A longer answer is cut off and the request fails (a processor answers in a few hundred bytes). */
  maxResponseBytes?: number;
}

export type PostResult =
  | { outcome: 'response'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { outcome: 'timeout' }
  /** Connection refused, reset, DNS, TLS: `code` is Node's error code, never a body or a URL's secrets. */
  | { outcome: 'network-error'; code: string };

const DEFAULT_MAX_RESPONSE = 256 * 1024;

/** http:// is allowed only to this machine (the embedded sandbox, tests); card data travels over TLS otherwise. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function postBuffer(request: PostRequest): Promise<PostResult> {
  const { url } = request;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  return new Promise<PostResult>((resolve, reject) => {
    let settled = false;
    const finish = (result: PostResult | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if ('error' in result) reject(result.error);
      else resolve(result);
    };
    const outgoing = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(request.body.length) },
      // One connection per request: nothing lingers after the call (and no pooled socket keeps a reference).
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ outcome: 'timeout' });
      outgoing.destroy();
    }, request.timeoutMs);
    const onAbort = () => {
      finish({ error: request.signal?.reason });
      outgoing.destroy();
    };
    if (request.signal?.aborted) {
      onAbort();
      return;
    }
    request.signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      finish({ outcome: 'network-error', code: error.code ?? error.name }),
    );
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          finish({ outcome: 'network-error', code: 'RESPONSE_TOO_LARGE' });
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        finish({
          outcome: 'response',
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', (error: NodeJS.ErrnoException) =>
        finish({ outcome: 'network-error', code: error.code ?? error.name }),
      );
    });
    outgoing.end(request.body);
  });
}
