import { describe, expect, it } from 'vitest';
import type { HttpPort, HttpRequest, HttpResult } from '../../ports/http.js';
import { stepContext } from '../sql/step-context.testing.js';
import { httpParams } from './definition.js';
import { httpExecutor } from './executor.js';

function recordingHttp(answer: HttpResult) {
  const requests: HttpRequest[] = [];
  const port: HttpPort = {
    async request(request) {
      requests.push(request);
      return answer;
    },
  };
  return { port, requests };
}

const response = (status: number, body: unknown): HttpResult => ({
  outcome: 'response',
  status,
  headers: {},
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const variables = {
  caller: { type: 'string' as const, value: 'a"b&c=d/e' },
  score: { type: 'int' as const, value: 5 },
  answerId: { type: 'string' as const },
  code: { type: 'int' as const },
};

describe('http executor', () => {
  it('encodes values for the URL and the JSON body, maps response paths and the status', async () => {
    const http = recordingHttp(response(201, { data: { items: [{ id: 'x1' }] } }));
    const params = httpParams.parse({
      method: 'POST',
      url: 'https://survey.example.com/answers/{{ caller }}',
      query: { from: '{{ caller }}' },
      headers: { 'X-Score': '{{ score }}' },
      body: '{ "caller": {{ caller }}, "score": {{ score }}, "missing": {{ answerId }} }',
      map: { 'data.items[0].id': 'answerId' },
      statusInto: 'code',
      retries: 2,
    });
    const { context } = stepContext(params, { variables, ports: { http: http.port } });
    expect(await httpExecutor(context)).toEqual({ exit: 'ok', vars: { answerId: 'x1', code: 201 } });
    const sent = http.requests[0]!;
    expect(sent.url).toBe('https://survey.example.com/answers/a%22b%26c%3Dd%2Fe?from=a%22b%26c%3Dd%2Fe');
    expect(JSON.parse(sent.body!)).toEqual({ caller: 'a"b&c=d/e', score: 5, missing: '' }); // an unset string is "" in CEL
    expect(sent.headers).toEqual({ 'X-Score': '5', 'Content-Type': 'application/json' });
    expect(sent).toMatchObject({ method: 'POST', timeoutMs: 10_000, retries: 2 });
  });

  it('maps 4xx/5xx to http-error, timeouts to timeout and network faults to error', async () => {
    const run = async (answer: HttpResult, extra: object = {}) => {
      const params = httpParams.parse({ url: 'https://x.example/', statusInto: 'code', ...extra });
      const { context } = stepContext(params, { variables, ports: { http: recordingHttp(answer).port } });
      return httpExecutor(context);
    };
    expect(await run(response(503, 'down'))).toEqual({ exit: 'http-error', vars: { code: 503 } });
    expect(await run({ outcome: 'timeout' })).toMatchObject({ exit: 'timeout', error: { code: 'timeout' } });
    expect(await run({ outcome: 'network-error', message: 'ECONNREFUSED' })).toMatchObject({
      exit: 'error',
      error: { code: 'http', message: expect.any(String) },
    });
    expect(await run(response(200, '<html>'), { map: { id: 'answerId' } })).toMatchObject({
      exit: 'error',
      error: { code: 'http', message: expect.any(String) },
    });
  });

  it('refuses a header value with a line break before sending anything', async () => {
    const http = recordingHttp(response(200, {}));
    const params = httpParams.parse({ url: 'https://x.example/', headers: { 'X-Caller': '{{ caller }}' } });
    const { context } = stepContext(params, {
      variables: { caller: { type: 'string', value: 'a\r\nX-Admin: 1' } },
      ports: { http: http.port },
    });
    expect(await httpExecutor(context)).toMatchObject({
      exit: 'error',
      error: { code: 'http', message: expect.any(String) },
    });
    expect(http.requests).toHaveLength(0);
  });

  it('sends no body with GET and a form body URL-encoded', async () => {
    const http = recordingHttp(response(200, ''));
    const get = stepContext(httpParams.parse({ url: 'https://x.example/', body: '{}' }), {
      ports: { http: http.port },
    });
    await httpExecutor(get.context);
    expect(http.requests[0]!.body).toBeUndefined();

    const form = stepContext(
      httpParams.parse({ method: 'PUT', url: 'https://x.example/', bodyType: 'form', body: 'caller={{ caller }}' }),
      {
        variables,
        ports: { http: http.port },
      },
    );
    await httpExecutor(form.context);
    expect(http.requests[1]).toMatchObject({
      body: 'caller=a%22b%26c%3Dd%2Fe',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  });
});
