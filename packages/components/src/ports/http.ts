import type { Abortable, TimeBounded } from './common.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest extends Abortable, TimeBounded {
  /** Named connection: base URL, auth headers and host allow list. */
  connection?: string;
  method: HttpMethod;
  /** Absolute, or relative to the connection's base URL; query parameters already encoded in it. */
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
  /** Extra attempts with back-off on timeouts, network errors and 5xx; ignored for POST and PATCH. */
  retries: number;
}

export type HttpResult =
  | { outcome: 'response'; status: number; headers: Readonly<Record<string, string>>; body: string }
  | { outcome: 'timeout' }
  /** Connection refused, DNS, TLS verification, or a host outside the allow list. */
  | { outcome: 'network-error'; message: string };

export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResult>;
}
