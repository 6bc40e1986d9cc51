import { readToken, clearSession } from '../auth/session';

/** An HTTP error answered by the runtime, with its JSON body ({statusCode, error, message, details?, ...}). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The runtime could not be reached at all (down, proxy failing, network gone): shown as its own state. */
export class ApiUnreachableError extends Error {
  constructor(cause: unknown) {
    super('The IVR Studio server cannot be reached', { cause });
    this.name = 'ApiUnreachableError';
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Lets the app shell send the user back to the login page when the token expires. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  body?: unknown;
  signal?: AbortSignal;
  /** Login itself answers 401 for bad credentials: that must not log the (absent) session out. */
  skipAuthRedirect?: boolean;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiUnreachableError(error);
  }
  // Vite's proxy answers 502/504 with an empty or HTML body when the runtime is down.
  if ((response.status === 502 || response.status === 503 || response.status === 504) && !isJson(response)) {
    throw new ApiUnreachableError(new Error(`HTTP ${response.status}`));
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = isJson(response) ? await response.json() : await response.text();
  if (!response.ok) {
    const record = (typeof body === 'object' && body !== null ? body : { message: String(body) }) as Record<
      string,
      unknown
    >;
    if (response.status === 401 && !options.skipAuthRedirect) {
      clearSession();
      unauthorizedListeners.forEach((listener) => listener());
    }
    const message = typeof record.message === 'string' ? record.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, record);
  }
  return body as T;
}

function isJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('json');
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

/** A message for a failed request, fit for a notification. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof ApiUnreachableError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
