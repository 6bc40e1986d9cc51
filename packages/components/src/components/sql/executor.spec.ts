import { describe, expect, it } from 'vitest';
import type { SqlPort, SqlQueryRequest, SqlQueryResult } from '../../ports/sql.js';
import { sqlParams } from './definition.js';
import { sqlExecutor } from './executor.js';
import { stepContext } from './step-context.testing.js';

/** Answers each query from a function and keeps what it was asked. */
function recordingSql(answer: (request: SqlQueryRequest) => SqlQueryResult | Promise<SqlQueryResult>) {
  const requests: SqlQueryRequest[] = [];
  const port: SqlPort = {
    async query(request) {
      requests.push(request);
      return answer(request);
    },
  };
  return { port, requests };
}

const result = (rows: Record<string, unknown>[], extra: Partial<SqlQueryResult> = {}): SqlQueryResult => ({
  rows,
  rowCount: rows.length,
  outputs: {},
  ...extra,
});

describe('sql executor', () => {
  it('binds @Names from variables, maps the first row and takes ok', async () => {
    const sql = recordingSql(() => result([{ status: 'shipped', total: 12 }]));
    const params = sqlParams.parse({
      connection: 'shop',
      query: 'SELECT status, total FROM orders WHERE id = @orderId',
      map: { status: 'status', total: 'total' },
    });
    const { context } = stepContext(params, {
      variables: {
        orderId: { type: 'string', value: "'; DROP TABLE orders; --" },
        status: { type: 'string' },
        total: { type: 'int' },
      },
      ports: { sql: sql.port },
    });
    expect(await sqlExecutor(context)).toEqual({ exit: 'ok', vars: { status: 'shipped', total: 12 } });
    expect(sql.requests[0]).toMatchObject({
      connection: 'shop',
      sql: params.query,
      params: { orderId: "'; DROP TABLE orders; --" },
      maxRows: 1,
      timeoutMs: 30_000,
    });
  });

  it('takes empty when no row came back, and ok with outputs for an assignment query', async () => {
    const empty = stepContext(sqlParams.parse({ connection: 'c', query: 'SELECT a FROM t' }), {
      ports: { sql: recordingSql(() => result([])).port },
    });
    expect((await sqlExecutor(empty.context)).exit).toBe('empty');

    const seed = stepContext(
      sqlParams.parse({ connection: 'oktell', query: 'SELECT @CallCount = COUNT(*) FROM calls WHERE @CallerID = num' }),
      {
        variables: { CallCount: { type: 'int', value: 0 }, CallerID: { type: 'string', value: '79161234567' } },
        ports: { sql: recordingSql(() => result([], { outputs: { CallCount: 3 } })).port },
      },
    );
    expect(await sqlExecutor(seed.context)).toEqual({ exit: 'ok', vars: { CallCount: 3 } });
  });

  it('puts all rows or the row count into the variable', async () => {
    const rows = [{ id: 1 }, { id: 2 }];
    const all = stepContext(
      sqlParams.parse({ connection: 'c', query: 'SELECT id FROM t', mode: 'all-rows', into: 'list', maxRows: 5 }),
      {
        variables: { list: { type: 'list' } },
        ports: { sql: recordingSql(() => result(rows)).port },
      },
    );
    expect(await sqlExecutor(all.context)).toEqual({ exit: 'ok', vars: { list: rows } });

    const count = stepContext(
      sqlParams.parse({ connection: 'c', query: 'UPDATE t SET a = 1', mode: 'row-count', into: 'n' }),
      {
        variables: { n: { type: 'int' } },
        ports: { sql: recordingSql(() => result([], { rowCount: 7 })).port },
      },
    );
    expect(await sqlExecutor(count.context)).toEqual({ exit: 'ok', vars: { n: 7 } });
  });

  it('takes error for an undeclared @Name without asking the database', async () => {
    const sql = recordingSql(() => result([]));
    const { context, warnings } = stepContext(
      sqlParams.parse({ connection: 'c', query: 'SELECT a FROM t WHERE b = @nope' }),
      {
        ports: { sql: sql.port },
      },
    );
    expect(await sqlExecutor(context)).toMatchObject({
      exit: 'error',
      error: { code: 'sql', message: expect.any(String) },
    });
    expect(sql.requests).toHaveLength(0);
    expect(warnings[0]?.fields?.error).toMatch(/@nope.*no variable nope/);
  });

  it('takes error on a database fault and on a mapped column the result lacks', async () => {
    const broken = stepContext(sqlParams.parse({ connection: 'c', query: 'SELEC a' }), {
      ports: {
        sql: recordingSql(() => {
          throw new Error('syntax error near SELEC');
        }).port,
      },
    });
    expect(await sqlExecutor(broken.context)).toMatchObject({
      exit: 'error',
      error: { code: 'sql', message: expect.any(String) },
    });
    expect(broken.notes.join()).toMatch(/syntax error/);

    const missing = stepContext(sqlParams.parse({ connection: 'c', query: 'SELECT a FROM t', map: { b: 'x' } }), {
      variables: { x: { type: 'string' } },
      ports: { sql: recordingSql(() => result([{ a: 1 }])).port },
    });
    expect(await sqlExecutor(missing.context)).toMatchObject({
      exit: 'error',
      error: { code: 'sql', message: expect.any(String) },
    });
    expect(missing.notes.join()).toMatch(/no column "b"/);
  });

  it('rethrows when the step is aborted instead of choosing an exit', async () => {
    const harness = stepContext(sqlParams.parse({ connection: 'c', query: 'SELECT 1' }), {
      ports: {
        sql: {
          query: (request) =>
            new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('cancelled')))),
        },
      },
    });
    const running = sqlExecutor(harness.context);
    harness.abort(new Error('hangup'));
    await expect(running).rejects.toThrow('hangup');
  });
});
