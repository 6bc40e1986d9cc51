import type { ExecutionContext, Executor } from '../../executor.js';
import type { HttpResult } from '../../ports/http.js';
import type { HttpParams } from './definition.js';
import { jsonEncode, renderEncoded, urlEncode, valueAtPath } from './encoded-template.js';

const CONTENT_TYPES: Record<HttpParams['bodyType'], string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
};

/**
 * Sends the request and maps the answer: 2xx/3xx ok, 4xx/5xx http-error, no answer in time timeout,
 * anything else (network, refused host, bad template, a body that is not JSON when fields are mapped)
 * error. Response fields are mapped on http-error too: error bodies often say why.
 */
export const httpExecutor: Executor<HttpParams> = async (ctx) => {
  const { params } = ctx;
  let request;
  try {
    request = buildRequest(ctx);
  } catch (error) {
    return failed(ctx, `cannot build the request: ${(error as Error).message}`);
  }

  let result: HttpResult;
  try {
    result = await ctx.ports.http.request({ ...request, signal: ctx.signal });
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    return failed(ctx, (error as Error).message);
  }

  if (result.outcome === 'timeout') {
    ctx.ports.trace.note(`no answer within ${params.timeout} s`);
    return { exit: 'timeout', error: { code: 'timeout', message: `no answer within ${params.timeout} s` } };
  }
  if (result.outcome === 'network-error') return failed(ctx, result.message);

  const vars: Record<string, unknown> = {};
  if (params.statusInto) vars[params.statusInto] = result.status;
  const isError = result.status >= 400;
  ctx.ports.trace.note(`HTTP ${result.status}`);
  if (Object.keys(params.map).length > 0) {
    let document: unknown;
    try {
      document = result.body === '' ? null : JSON.parse(result.body);
    } catch {
      if (isError) return { exit: 'http-error', vars };
      return failed(ctx, `the response (HTTP ${result.status}) is not JSON, so its fields cannot be read`);
    }
    for (const [path, variable] of Object.entries(params.map)) vars[variable] = valueAtPath(document, path) ?? null;
  }
  return { exit: isError ? 'http-error' : 'ok', vars };
};

function buildRequest(ctx: ExecutionContext<HttpParams>) {
  const { params } = ctx;
  const evaluate = (expression: string) => ctx.evaluate(expression);
  let url = renderEncoded(params.url, evaluate, urlEncode);
  const query = Object.entries(params.query).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(ctx.renderTemplate(value))}`,
  );
  if (query.length > 0) url += (url.includes('?') ? '&' : '?') + query.join('&');

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers)) {
    const rendered = ctx.renderTemplate(value);
    // A header value with a line break would smuggle a second header.
    if (/[\r\n]/.test(rendered)) throw new Error(`header ${name} contains a line break`);
    headers[name] = rendered;
  }

  let body: string | undefined;
  const sendsBody = params.method !== 'GET' && params.method !== 'HEAD' && params.body !== undefined;
  if (sendsBody && params.body !== undefined) {
    if (params.bodyType === 'json') {
      body = renderEncoded(params.body, evaluate, jsonEncode);
      try {
        JSON.parse(body);
      } catch (error) {
        throw new Error(`the JSON body is not valid JSON once rendered (${(error as Error).message})`);
      }
    } else if (params.bodyType === 'form') {
      body = renderEncoded(params.body, evaluate, urlEncode);
    } else {
      body = ctx.renderTemplate(params.body);
    }
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = CONTENT_TYPES[params.bodyType];
    }
  }
  return {
    ...(params.connection ? { connection: params.connection } : {}),
    method: params.method,
    url,
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: params.timeout * 1000,
    retries: params.retries,
  };
}

function failed(ctx: ExecutionContext<HttpParams>, message: string) {
  ctx.log.warn('HTTP request failed', { method: ctx.params.method, error: message });
  ctx.ports.trace.note(`HTTP error: ${message}`);
  return { exit: 'error', error: { code: 'http', message } };
}
