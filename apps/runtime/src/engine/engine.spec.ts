import type { CallPort, Executor } from '@ivr/components';
import {
  createCatalog,
  scenarioDocumentSchema,
  type ComponentDefinition,
  type ScenarioDocumentInput,
} from '@ivr/scenario-schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScenarioEngine, type CallLeg, type EngineDependencies } from './engine.js';
import { HangupSignal } from './errors.js';
import { REDACTED, type StepTrace } from './trace.js';
import { InMemoryGlobals } from './variables.js';

// A tiny catalog and executors of its own keep these tests about the engine, not the components.
const text = (en: string) => ({ en, ru: en, es: en });
const exit = (id: string, wiring: 'required' | 'error' | 'optional' = 'optional') => ({ id, label: text(id), wiring });
const def = (type: string, extra: Partial<ComponentDefinition>): ComponentDefinition => ({
  type,
  typeVersion: 1,
  category: 'flow',
  icon: 'x',
  title: text(type),
  help: text(type),
  params: z.record(z.string(), z.unknown()),
  exits: [exit('ok')],
  kinds: ['main', 'ivr', 'service'],
  precondition: 'none',
  implemented: true,
  ...extra,
});
const catalog = createCatalog([
  def('set', {}),
  def('if', { exits: [exit('true'), exit('false')] }),
  def('fail', { exits: [exit('ok'), exit('error', 'error')] }),
  def('throw', {}),
  def('wait', { category: 'call', precondition: 'answered', waits: true }),
  def('sub', { exits: [exit('ok'), exit('error', 'error')] }),
  def('secret', { sensitive: true, category: 'payments' }),
  def('stop', { exits: [], terminal: true }),
  def('dial', { exits: [exit('answered'), exit('failed', 'error')], waits: true, establishesCall: ['answered'] }),
  def('who', { category: 'call', precondition: 'call' }),
  def('hang', {}),
]);

// The `hang` executor hangs the test call up while it runs, then returns normally.
let hangUpDuringStep: (() => void) | undefined;

const executors: Record<string, Executor> = {
  set: async (ctx) => {
    const vars: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(ctx.params)) vars[name] = ctx.evaluate(String(expr));
    return { exit: 'ok', vars };
  },
  if: async (ctx) => ({ exit: ctx.evaluate(String(ctx.params.when)) ? 'true' : 'false' }),
  fail: async () => ({ exit: 'error' }),
  throw: async () => {
    throw new Error('boom');
  },
  wait: (ctx) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ exit: 'ok' }), Number(ctx.params.ms ?? 10));
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(ctx.signal.reason);
      });
    }),
  sub: async (ctx) => {
    const { returns } = await ctx.ports.scenarios.call({
      scenario: String(ctx.params.scenario),
      args: { input: ctx.evaluate(String(ctx.params.arg)) },
      signal: ctx.signal,
    });
    return { exit: 'ok', vars: { result: returns.output } };
  },
  secret: async (ctx) => {
    ctx.ports.trace.note('card read', { pan: '4111111111111111' });
    return { exit: 'ok', vars: { token: 'tok_1', last4: '1111' } };
  },
  stop: async () => ({ exit: 'ok', result: 'finished' }),
  dial: async (ctx) => {
    const result = await ctx.ports.switch.originate({
      target: { type: 'number', value: '100' },
      ringTimeoutMs: 1000,
      headers: {},
      attachToRun: true,
      signal: ctx.signal,
    });
    return { exit: result.outcome === 'answered' ? 'answered' : 'failed' };
  },
  hang: async () => {
    hangUpDuringStep?.();
    return { exit: 'ok' };
  },
  who: async (ctx) => ({ exit: 'ok', vars: { leg: ctx.ports.call?.id ?? 'none' } }),
};

function scenario(input: Partial<ScenarioDocumentInput> & Pick<ScenarioDocumentInput, 'nodes' | 'start'>) {
  return scenarioDocumentSchema.parse({ format: 'ivr-scenario/1', id: 'test', name: 'Test', kind: 'ivr', ...input });
}

function createEngine(
  documents: Record<string, ReturnType<typeof scenario>> = {},
  extra: Partial<EngineDependencies> = {},
) {
  const traces: StepTrace[] = [];
  const engine = new ScenarioEngine({
    catalog,
    executor: (type) => executors[type],
    scenarios: {
      load: async (id) => {
        const document = documents[id];
        if (!document) throw new Error('no such scenario');
        return { document, version: 3 };
      },
    },
    ports: {} as EngineDependencies['ports'],
    traces: { step: (t) => traces.push(t) },
    ...extra,
  });
  return { engine, traces };
}

function fakeCall(): { leg: CallLeg; hangUp: () => void } {
  const controller = new AbortController();
  const port = { id: 'call-1', isAnswered: () => true } as unknown as CallPort;
  return {
    leg: {
      port,
      info: () => ({
        uuid: 'call-1',
        callerId: '79161234567',
        callerName: '',
        dialedNumber: '100',
        headers: {},
        answered: true,
      }),
      hangup: controller.signal,
      variables: new Map(),
    },
    hangUp: () => controller.abort(new HangupSignal('NORMAL_CLEARING')),
  };
}

describe('ScenarioEngine', () => {
  it('routes exits and evaluates expressions against variables and system values', async () => {
    const doc = scenario({
      variables: [
        { name: 'n', type: 'int', scope: 'run', initial: 1 },
        { name: 'mobile', type: 'bool', scope: 'run' },
      ],
      returns: ['n', 'mobile'],
      start: 'a',
      nodes: [
        {
          id: 'a',
          type: 'set',
          typeVersion: 1,
          params: { n: 'n + 41', mobile: 'call.callerId.startsWith("79")' },
          exits: { ok: 'b' },
        },
        { id: 'b', type: 'if', typeVersion: 1, params: { when: 'n == 42' }, exits: { true: 'c', false: 'a' } },
        { id: 'c', type: 'stop', typeVersion: 1, params: {}, exits: {} },
      ],
    });
    const { engine, traces } = createEngine();
    const result = await engine.run({ scenarioId: 'test', document: doc, call: fakeCall().leg });
    expect(result).toMatchObject({ status: 'completed', returns: { n: 42, mobile: true }, steps: 3, lastNodeId: 'c' });
    expect(traces.map((t) => [t.nodeId, t.exit])).toEqual([
      ['a', 'ok'],
      ['b', 'true'],
      ['c', 'ok'],
    ]);
    expect(traces[0]!.changed).toEqual({ n: 42, mobile: true });
  });

  it('sends unwired error exits and thrown errors to onError, with the error in system values', async () => {
    const doc = (start: string) =>
      scenario({
        variables: [{ name: 'why', type: 'string', scope: 'run' }],
        returns: ['why'],
        start,
        onError: 'handler',
        nodes: [
          { id: 'f', type: 'fail', typeVersion: 1, params: {}, exits: { ok: 'end' } },
          { id: 't', type: 'throw', typeVersion: 1, params: {}, exits: { ok: 'end' } },
          {
            id: 'handler',
            type: 'set',
            typeVersion: 1,
            params: { why: 'error.code + ":" + error.nodeId' },
            exits: { ok: 'end' },
          },
          { id: 'end', type: 'stop', typeVersion: 1, params: {}, exits: {} },
        ],
      });
    const { engine } = createEngine();
    expect(await engine.run({ scenarioId: 'test', document: doc('f') })).toMatchObject({
      status: 'completed',
      returns: { why: 'error:f' },
    });
    expect(await engine.run({ scenarioId: 'test', document: doc('t') })).toMatchObject({
      status: 'completed',
      returns: { why: 'executor-error:t' },
    });
  });

  it("sends a thrown error to the node's own wired error exit before onError", async () => {
    const doc = scenario({
      variables: [{ name: 'why', type: 'string', scope: 'run' }],
      returns: ['why'],
      start: 't',
      onError: 'handler',
      nodes: [
        { id: 't', type: 'fail', typeVersion: 1, params: {}, exits: { ok: 'end' } },
        { id: 'x', type: 'throw', typeVersion: 1, params: {}, exits: { ok: 'end' } },
        { id: 'own', type: 'set', typeVersion: 1, params: { why: '"own:" + error.code' }, exits: { ok: 'end' } },
        { id: 'handler', type: 'set', typeVersion: 1, params: { why: '"handler"' }, exits: { ok: 'end' } },
        { id: 'end', type: 'stop', typeVersion: 1, params: {}, exits: {} },
      ],
    });
    doc.start = 'x';
    doc.nodes[1]!.exits.error = 'own';
    const { engine } = createEngine();
    expect(await engine.run({ scenarioId: 'test', document: doc })).toMatchObject({
      returns: { why: 'own:executor-error' },
    });
  });

  it('ends a run with the reason when an error has no handler, and does not loop on errors in the handler', async () => {
    const { engine } = createEngine();
    const noHandler = scenario({
      start: 't',
      nodes: [{ id: 't', type: 'throw', typeVersion: 1, params: {}, exits: {} }],
    });
    expect(await engine.run({ scenarioId: 'test', document: noHandler })).toMatchObject({
      status: 'failed',
      reason: 'boom',
    });
    const failingHandler = scenario({
      start: 't',
      onError: 't',
      nodes: [{ id: 't', type: 'throw', typeVersion: 1, params: {}, exits: {} }],
    });
    expect(await engine.run({ scenarioId: 'test', document: failingHandler })).toMatchObject({
      status: 'failed',
      steps: 2,
    });
  });

  it('stops runaway loops with the per-node pass limit and the step limit', async () => {
    const loop = (maxPasses?: number) =>
      scenario({
        variables: [{ name: 'n', type: 'int', scope: 'run', initial: 0 }],
        start: 'a',
        nodes: [
          {
            id: 'a',
            type: 'set',
            typeVersion: 1,
            params: { n: 'n + 1' },
            exits: { ok: 'a' },
            ...(maxPasses ? { maxPasses } : {}),
          },
        ],
      });
    const { engine } = createEngine({}, { limits: { maxSteps: 50 } });
    expect(await engine.run({ scenarioId: 'test', document: loop(5) })).toMatchObject({
      status: 'failed',
      error: { code: 'pass-limit', nodeId: 'a' },
    });
    expect(await engine.run({ scenarioId: 'test', document: loop() })).toMatchObject({
      status: 'failed',
      reason: 'step limit of 50 reached',
    });
  });

  it('aborts the blocking step on hangup and runs onHangup without the call', async () => {
    const doc = scenario({
      variables: [{ name: 'cleaned', type: 'bool', scope: 'call' }],
      start: 'w',
      onHangup: 'cleanup',
      nodes: [
        { id: 'w', type: 'wait', typeVersion: 1, params: { ms: 60_000 }, exits: { ok: 'w2' } },
        { id: 'w2', type: 'wait', typeVersion: 1, params: {}, exits: {} },
        { id: 'cleanup', type: 'set', typeVersion: 1, params: { cleaned: 'true' }, exits: {} },
      ],
    });
    const { engine, traces } = createEngine();
    const { leg, hangUp } = fakeCall();
    const running = engine.run({ scenarioId: 'test', document: doc, call: leg });
    setTimeout(hangUp, 20);
    const result = await running;
    expect(result).toMatchObject({ status: 'hangup', lastNodeId: 'cleanup' });
    expect(leg.variables.get('cleaned')).toBe(true);
    expect(traces.map((t) => [t.nodeId, t.exit])).toEqual([
      ['w', null],
      ['cleanup', 'ok'],
    ]);
    expect(engine.activeRuns()).toBe(0);
  });

  it('runs onHangup when the caller hangs up during the last step, which then ends normally', async () => {
    const doc = scenario({
      variables: [{ name: 'cleaned', type: 'bool', scope: 'call' }],
      start: 'last',
      onHangup: 'cleanup',
      nodes: [
        { id: 'last', type: 'hang', typeVersion: 1, params: {}, exits: {} },
        { id: 'cleanup', type: 'set', typeVersion: 1, params: { cleaned: 'true' }, exits: {} },
      ],
    });
    const { engine } = createEngine();
    const { leg, hangUp } = fakeCall();
    hangUpDuringStep = hangUp;
    const result = await engine.run({ scenarioId: 'test', document: doc, call: leg });
    expect(result).toMatchObject({ status: 'hangup', lastNodeId: 'cleanup' });
    expect(leg.variables.get('cleaned')).toBe(true);
  });

  it('gives a step that hangs the step timeout, as an error', async () => {
    const doc = scenario({
      start: 'w',
      nodes: [{ id: 'w', type: 'wait', typeVersion: 1, params: { ms: 60_000 }, exits: {} }],
    });
    const { engine } = createEngine({}, { limits: { waitingStepTimeoutMs: 30 } });
    expect(await engine.run({ scenarioId: 'test', document: doc, call: fakeCall().leg })).toMatchObject({
      status: 'failed',
      error: { code: 'timeout', nodeId: 'w' },
    });
  });

  it('calls sub-scenarios as functions; call-scope variables are shared, run-scope ones are not', async () => {
    const child = scenario({
      id: 'child',
      params: [{ name: 'input', type: 'int' }],
      variables: [
        { name: 'output', type: 'int', scope: 'run' },
        { name: 'visits', type: 'int', scope: 'call', initial: 0 },
      ],
      returns: ['output'],
      start: 'calc',
      nodes: [
        { id: 'calc', type: 'set', typeVersion: 1, params: { output: 'input * 2', visits: 'visits + 1' }, exits: {} },
      ],
    });
    const parent = scenario({
      id: 'parent',
      variables: [
        { name: 'result', type: 'int', scope: 'run' },
        { name: 'visits', type: 'int', scope: 'call' },
      ],
      returns: ['result', 'visits'],
      start: 'call',
      nodes: [{ id: 'call', type: 'sub', typeVersion: 1, params: { scenario: 'child', arg: '21' }, exits: {} }],
    });
    const { engine } = createEngine({ child });
    const result = await engine.run({ scenarioId: 'parent', document: parent, call: fakeCall().leg });
    expect(result).toMatchObject({ status: 'completed', returns: { result: 42, visits: 1 } });
  });

  it('keeps global variables across runs', async () => {
    const globals = new InMemoryGlobals();
    const doc = scenario({
      variables: [{ name: 'counter', type: 'int', scope: 'global', initial: 0 }],
      returns: ['counter'],
      start: 'a',
      nodes: [{ id: 'a', type: 'set', typeVersion: 1, params: { counter: 'counter + 1' }, exits: {} }],
    });
    const { engine } = createEngine({}, { globals });
    await engine.run({ scenarioId: 'test', document: doc });
    expect(await engine.run({ scenarioId: 'test', document: doc })).toMatchObject({ returns: { counter: 2 } });
  });

  it('redacts sensitive variables and everything a sensitive component changes', async () => {
    const doc = scenario({
      variables: [
        { name: 'token', type: 'string', scope: 'run' },
        { name: 'last4', type: 'string', scope: 'run' },
        { name: 'pin', type: 'string', scope: 'run', sensitive: true },
      ],
      start: 'pay',
      nodes: [
        { id: 'pay', type: 'secret', typeVersion: 1, params: {}, exits: { ok: 'set' } },
        { id: 'set', type: 'set', typeVersion: 1, params: { pin: '"1234"', last4: 'last4' }, exits: {} },
      ],
    });
    const { engine, traces } = createEngine();
    await engine.run({ scenarioId: 'test', document: doc });
    expect(traces[0]).toMatchObject({ changed: { token: REDACTED, last4: REDACTED }, notes: [] });
    expect(traces[1]!.changed).toEqual({ pin: REDACTED, last4: '1111' });
    expect(JSON.stringify(traces)).not.toContain('4111111111111111');
  });

  it("attaches a dial's answered leg to the run and records the ending step's result", async () => {
    const doc = scenario({
      kind: 'service',
      variables: [{ name: 'leg', type: 'string', scope: 'run' }],
      returns: ['leg'],
      start: 'before',
      nodes: [
        { id: 'before', type: 'who', typeVersion: 1, params: {}, exits: { ok: 'dial' } },
        { id: 'dial', type: 'dial', typeVersion: 1, params: {}, exits: { answered: 'after' } },
        { id: 'after', type: 'who', typeVersion: 1, params: {}, exits: { ok: 'end' } },
        { id: 'end', type: 'stop', typeVersion: 1, params: {}, exits: {} },
      ],
    });
    const { leg } = fakeCall();
    const claimed: string[] = [];
    class SwitchStub {
      private readonly answeredId = 'call-1';
      async originate() {
        return { outcome: 'answered' as const, callId: this.answeredId };
      }
    }
    const { engine, traces } = createEngine(
      {},
      {
        ports: { switch: new SwitchStub() } as unknown as EngineDependencies['ports'],
        legs: { claim: (id) => (claimed.push(id), leg) },
      },
    );
    const result = await engine.run({ scenarioId: 'test', document: doc });
    expect(claimed).toEqual(['call-1']);
    expect(traces.map((t) => t.changed.leg).filter(Boolean)).toEqual(['none', 'call-1']);
    expect(result).toMatchObject({ status: 'completed', result: 'finished', callId: 'call-1' });
  });

  it('fails a run whose scenario cannot be loaded, and aborts runs on shutdown', async () => {
    const { engine } = createEngine();
    expect(await engine.run({ scenarioId: 'missing' })).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('missing'),
    });
    const doc = scenario({
      start: 'w',
      nodes: [{ id: 'w', type: 'wait', typeVersion: 1, params: { ms: 60_000 }, exits: {} }],
    });
    const running = engine.run({ scenarioId: 'test', document: doc, call: fakeCall().leg });
    setTimeout(() => engine.shutdown(), 10);
    expect(await running).toMatchObject({ status: 'aborted' });
  });
});
