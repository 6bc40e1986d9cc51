import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ScenariosPort } from '../ports/index.js';
import { testContext, type TestContextOptions } from '../testing/execution-context.js';
import { assignDefinition } from '../components/assign/definition.js';
import { assignExecutor } from '../components/assign/executor.js';
import { conditionDefinition } from '../components/condition/definition.js';
import { conditionExecutor } from '../components/condition/executor.js';
import { endDefinition } from '../components/end/definition.js';
import { endExecutor } from '../components/end/executor.js';
import { logDefinition } from '../components/log/definition.js';
import { logExecutor } from '../components/log/executor.js';
import { messageSendDefinition } from '../components/message-send/definition.js';
import { messageSendExecutor } from '../components/message-send/executor.js';
import { messageWaitDefinition } from '../components/message-wait/definition.js';
import { messageWaitExecutor } from '../components/message-wait/executor.js';
import { pauseDefinition } from '../components/pause/definition.js';
import { pauseExecutor } from '../components/pause/executor.js';
import { splitDefinition } from '../components/split/definition.js';
import { splitExecutor } from '../components/split/executor.js';
import { startServiceDefinition } from '../components/start-service/definition.js';
import { startServiceExecutor } from '../components/start-service/executor.js';
import { subScenarioDefinition } from '../components/sub-scenario/definition.js';
import { subScenarioExecutor } from '../components/sub-scenario/executor.js';
import { switchDefinition } from '../components/switch/definition.js';
import { switchExecutor } from '../components/switch/executor.js';
import { workingHoursDefinition } from '../components/working-hours/definition.js';
import { workingHoursExecutor } from '../components/working-hours/executor.js';

function ctx<S extends z.ZodType>(
  schema: S,
  raw: z.input<S>,
  rest: Omit<TestContextOptions<z.output<S>>, 'params'> = {},
) {
  return testContext({ params: schema.parse(raw), ...rest });
}

/** A scenarios port that records what it was asked and answers from a script. */
function scenariosPort(overrides: Partial<ScenariosPort> = {}) {
  const calls: Array<{ method: string; request: unknown }> = [];
  const port: ScenariosPort = {
    call: async (request) => (calls.push({ method: 'call', request }), { returns: { total: 7, ignored: 1 } }),
    startService: async (request) => (calls.push({ method: 'startService', request }), { runId: 'run-9' }),
    scheduleCallback: async (request) => (calls.push({ method: 'scheduleCallback', request }), { jobId: 'job-1' }),
    send: async (message) => void calls.push({ method: 'send', request: message }),
    wait: async (channel, timeoutMs) => (calls.push({ method: 'wait', request: { channel, timeoutMs } }), undefined),
    ...overrides,
  };
  return { port, calls };
}

describe('flow executors', () => {
  it('condition takes true or false and refuses non-booleans', async () => {
    const variables = { count: { type: 'int' as const, value: 3 } };
    expect(await conditionExecutor(ctx(conditionDefinition.params, { when: 'count > 2' }, { variables }))).toEqual({
      exit: 'true',
    });
    expect(await conditionExecutor(ctx(conditionDefinition.params, { when: 'count > 5' }, { variables }))).toEqual({
      exit: 'false',
    });
    await expect(conditionExecutor(ctx(conditionDefinition.params, { when: 'count' }, { variables }))).rejects.toThrow(
      /not true or false/,
    );
  });

  it('switch takes the first true case, else other', async () => {
    const params = {
      cases: [
        { id: 'vip', when: 'tier == "gold"' },
        { id: 'known', when: 'tier != ""' },
      ],
    };
    const run = (tier: string) =>
      switchExecutor(ctx(switchDefinition.params, params, { variables: { tier: { type: 'string', value: tier } } }));
    expect(await run('gold')).toEqual({ exit: 'vip' });
    expect(await run('silver')).toEqual({ exit: 'known' });
    expect(await run('')).toEqual({ exit: 'other' });
  });

  it('assign runs assignments in order, each seeing the one before', async () => {
    const context = ctx(
      assignDefinition.params,
      {
        assignments: [
          { variable: 'a', value: '20' },
          { variable: 'b', value: 'a + 1' },
        ],
      },
      { variables: { a: { type: 'int' }, b: { type: 'int' } } },
    );
    expect(await assignExecutor(context)).toEqual({ exit: 'ok' });
    expect(Object.fromEntries(context.values)).toEqual({ a: 20, b: 21 });
  });

  it('end sets the last values, renders the result and hangs up when asked', async () => {
    const hangups: string[] = [];
    const call = { hangup: async (cause: string) => void hangups.push(cause) } as never;
    const context = ctx(
      endDefinition.params,
      { action: 'hangup', cause: 'USER_BUSY', result: 'done-{{ n }}', assignments: [{ variable: 'n', value: '2' }] },
      { variables: { n: { type: 'int' } }, ports: { call } },
    );
    expect(await endExecutor(context)).toEqual({ exit: 'hangup', result: 'done-2' });
    expect(hangups).toEqual(['USER_BUSY']);
    expect(await endExecutor(ctx(endDefinition.params, {}))).toEqual({ exit: 'return' });
  });

  it('pause waits and stops at once on abort', async () => {
    expect(await pauseExecutor(ctx(pauseDefinition.params, { duration: 0.01 }))).toEqual({ exit: 'ok' });
    const controller = new AbortController();
    const waiting = pauseExecutor(ctx(pauseDefinition.params, { duration: 3600 }, { signal: controller.signal }));
    controller.abort(new Error('hung up'));
    await expect(waiting).rejects.toThrow('hung up');
  });

  it('log renders its message into the log and the trace', async () => {
    const context = ctx(
      logDefinition.params,
      { level: 'warn', message: 'caller {{ call.callerId }}' },
      { system: { call: { callerId: '100' } } },
    );
    expect(await logExecutor(context)).toEqual({ exit: 'ok' });
    expect(context.logs).toEqual([{ level: 'warn', message: 'caller 100' }]);
    expect(context.notes).toEqual(['caller 100']);
  });

  it('split picks branches by weight', async () => {
    const params = {
      mode: 'percentage' as const,
      branches: [
        { id: 'a', weight: 100 },
        { id: 'b', weight: 0 },
      ],
    };
    for (let i = 0; i < 20; i += 1)
      expect(await splitExecutor(ctx(splitDefinition.params, params))).toEqual({ exit: 'a' });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1)
      seen.add((await splitExecutor(ctx(splitDefinition.params, { mode: 'random' }))).exit);
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('working hours: open, closed, night periods and holidays in the time zone', async () => {
    const schedule = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
      { days: ['sat'], from: '22:00', to: '02:00' },
    ];
    const at = (iso: string, extra: Record<string, unknown> = {}) =>
      workingHoursExecutor(
        ctx(workingHoursDefinition.params, {
          timeZone: 'Europe/Moscow',
          schedule,
          at: `timestamp("${iso}")`,
          ...extra,
        } as never),
      );
    expect(await at('2026-11-23T07:00:00Z')).toEqual({ exit: 'open' }); // Monday 10:00 in Moscow
    expect(await at('2026-11-23T16:00:00Z')).toEqual({ exit: 'closed' }); // Monday 19:00
    expect(await at('2026-11-28T20:00:00Z')).toEqual({ exit: 'open' }); // Saturday 23:00
    expect(await at('2026-11-28T22:30:00Z')).toEqual({ exit: 'open' }); // Sunday 01:30, Saturday's night shift
    expect(await at('2026-11-29T00:00:00Z')).toEqual({ exit: 'closed' }); // Sunday 03:00
    const holidays = [{ date: '--11-23' }, { date: '2026-11-24', from: '10:00', to: '12:00' }];
    expect(await at('2026-11-23T07:00:00Z', { holidays })).toEqual({ exit: 'closed' });
    expect(await at('2026-11-23T07:00:00Z', { holidays, holidayExit: true })).toEqual({ exit: 'holiday' });
    expect(await at('2026-11-24T07:30:00Z', { holidays })).toEqual({ exit: 'open' }); // shortened day, 10:30
    expect(await at('2026-11-24T06:30:00Z', { holidays })).toEqual({ exit: 'closed' }); // 09:30
  });

  it('sub-scenario passes evaluated args and maps return values into variables', async () => {
    const { port, calls } = scenariosPort();
    const context = ctx(
      subScenarioDefinition.params,
      { scenario: 'billing', args: { amount: 'base * 2' }, map: { total: 'sum' } },
      { variables: { base: { type: 'int', value: 5 }, sum: { type: 'int' } }, ports: { scenarios: port } },
    );
    expect(await subScenarioExecutor(context)).toEqual({ exit: 'ok', vars: { sum: 7 } });
    expect(calls[0]).toMatchObject({ method: 'call', request: { scenario: 'billing', args: { amount: 10 } } });
  });

  it('start-service queues the run with its delay and keeps the run id', async () => {
    const { port, calls } = scenariosPort();
    const context = ctx(
      startServiceDefinition.params,
      { scenario: 'sms-after-call', args: { phone: 'call.callerId' }, delay: 5, into: 'job' },
      {
        variables: { job: { type: 'string' } },
        ports: { scenarios: port },
        system: { call: { callerId: '79161234567' } },
      },
    );
    expect(await startServiceExecutor(context)).toEqual({ exit: 'ok', vars: { job: 'run-9' } });
    expect(calls[0]!.request).toEqual({ scenario: 'sms-after-call', args: { phone: '79161234567' }, delayMs: 5000 });
  });

  it('messages: send with a rendered channel; wait gives received with fields or timeout', async () => {
    const { port, calls } = scenariosPort({
      wait: async (channel) =>
        channel === 'agent-7' ? { channel, payload: { decision: 'accept', extra: 1 } } : undefined,
    });
    const variables = { agent: { type: 'string' as const, value: '7' }, decision: { type: 'string' as const } };
    await messageSendExecutor(
      ctx(
        messageSendDefinition.params,
        { channel: 'agent-{{ agent }}', payload: { n: '1 + 1' } },
        { variables, ports: { scenarios: port } },
      ),
    );
    expect(calls[0]!.request).toEqual({ channel: 'agent-7', payload: { n: 2 } });
    const wait = (channel: string) =>
      messageWaitExecutor(
        ctx(
          messageWaitDefinition.params,
          { channel, timeout: 1, map: { decision: 'decision' } },
          { variables, ports: { scenarios: port } },
        ),
      );
    expect(await wait('agent-{{ agent }}')).toEqual({ exit: 'received', vars: { decision: 'accept' } });
    expect(await wait('nobody')).toEqual({ exit: 'timeout' });
  });
});
