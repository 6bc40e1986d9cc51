/**
 * Test rig: the telephony service in embedded mode (the emulator in-process, over real TCP), the
 * real ScenarioEngine, and a tiny catalog whose executors call the CallPort directly, so these
 * tests are about the adapter, not the component catalog.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallPort, DialTarget, Executor, ExecutionContext, RenderedPrompt } from '@ivr/components';
import type { CallActivityEntry, Emulator } from '@ivr/esl-emulator';
import {
  createCatalog,
  scenarioDocumentSchema,
  type ComponentDefinition,
  type ScenarioDocument,
} from '@ivr/scenario-schema';
import { z } from 'zod';
import { ScenarioEngine, type EngineDependencies, type RunRequest, type RunResult } from '../../engine/engine.js';
import type { CallLifecycleEvent } from '../call-lifecycle.js';
import type { EslCallPort } from '../call/esl-call-port.js';
import { DEFAULT_TELEPHONY_CONFIG, type TelephonyConfig } from '../config.js';
import { TelephonyService, type RouteDecision } from '../telephony-service.js';

const text = (en: string) => ({ en, ru: en, es: en });
const exit = (id: string) => ({ id, label: text(id), wiring: 'optional' as const });
const def = (type: string, exits: string[], extra: Partial<ComponentDefinition> = {}): ComponentDefinition => ({
  type,
  typeVersion: 1,
  category: 'call',
  icon: 'x',
  title: text(type),
  help: text(type),
  params: z.record(z.string(), z.unknown()),
  exits: exits.map(exit),
  kinds: ['main', 'ivr', 'service'],
  precondition: 'call',
  implemented: true,
  waits: true,
  ...extra,
});

export const testCatalog = createCatalog([
  def('answer', ['ok']),
  def('play', ['ok']),
  def('collect', ['ok', 'noinput']),
  def('bridge', ['answered', 'busy', 'noanswer', 'failed']),
  def('headers', ['ok']),
  def('conference', ['ok']),
  def('park', ['ok']),
  def('record', ['ok']),
  def('switchvar', ['ok']),
  def('hangup', [], { terminal: true }),
  def('dial', ['answered', 'busy', 'noanswer', 'failed'], { precondition: 'none', establishesCall: ['answered'] }),
]);

function call(ctx: ExecutionContext): CallPort {
  if (!ctx.ports.call) throw new Error('no call');
  return ctx.ports.call;
}

/** The params the test executors read (the test catalog does not validate them). */
interface TestParams {
  prompt?: RenderedPrompt;
  keys?: string;
  max?: number;
  firstMs?: number;
  interMs?: number;
  secure?: boolean;
  targets: DialTarget[];
  strategy?: 'sequential' | 'simultaneous';
  ringTimeoutMs?: number;
  headers?: Record<string, string>;
  set?: Record<string, string>;
  room: string;
  timeoutMs?: number;
  name: string;
}

const p = (ctx: ExecutionContext) => ctx.params as unknown as TestParams;

export const testExecutors: Record<string, Executor> = {
  answer: async (ctx) => {
    await call(ctx).answer();
    return { exit: 'ok' };
  },
  play: async (ctx) => {
    const result = await call(ctx).play(p(ctx).prompt ?? { file: 'silence_stream://100' }, {
      signal: ctx.signal,
      bargeInKeys: p(ctx).keys ?? '',
    });
    return { exit: 'ok', vars: { interruptedBy: result.interruptedBy ?? '' } };
  },
  collect: async (ctx) => {
    const result = await call(ctx).collectDigits({
      prompt: p(ctx).prompt,
      minDigits: 1,
      maxDigits: p(ctx).max ?? 4,
      terminators: '#',
      firstDigitTimeoutMs: p(ctx).firstMs ?? 3000,
      interDigitTimeoutMs: p(ctx).interMs ?? 2000,
      bargeIn: true,
      secure: p(ctx).secure === true,
      signal: ctx.signal,
    });
    if (result.outcome === 'noinput') return { exit: 'noinput' };
    if (result.outcome === 'secure-digits') {
      const count = result.digits.length;
      result.digits.fill(0);
      return { exit: 'ok', vars: { digitCount: String(count) } };
    }
    return { exit: 'ok', vars: { digits: result.digits, terminator: result.terminator ?? '' } };
  },
  bridge: async (ctx) => {
    const result = await call(ctx).bridge({
      targets: p(ctx).targets,
      strategy: p(ctx).strategy ?? 'simultaneous',
      ringTimeoutMs: p(ctx).ringTimeoutMs ?? 5000,
      headers: p(ctx).headers ?? {},
      ringback: 'none',
      continueAfterBridge: true,
      signal: ctx.signal,
    });
    if (result.outcome === 'answered')
      return { exit: 'answered', vars: { outcome: 'answered', answeredBy: result.answeredBy } };
    return { exit: result.outcome, vars: { outcome: result.outcome, cause: result.cause } };
  },
  headers: async (ctx) => {
    const incoming = await call(ctx).incomingSipHeaders();
    await call(ctx).setOutgoingSipHeaders(p(ctx).set ?? {});
    return { exit: 'ok', vars: { orderId: incoming['X-Order-Id'] ?? '' } };
  },
  conference: async (ctx) => {
    await call(ctx).joinConference({
      room: p(ctx).room,
      profile: 'default',
      moderator: false,
      muted: false,
      deaf: false,
      endOnExit: false,
      waitForModerator: false,
      signal: ctx.signal,
    });
    return { exit: 'ok' };
  },
  park: async (ctx) => {
    const result = await call(ctx).park({
      lot: 'my_lot',
      firstSlot: 711,
      lastSlot: 715,
      announce: false,
      timeoutMs: p(ctx).timeoutMs ?? 60_000,
      onTimeout: 'exit',
      signal: ctx.signal,
    });
    return { exit: 'ok', vars: { outcome: result.outcome, slot: 'slot' in result ? result.slot : '' } };
  },
  record: async (ctx) => {
    const result = await call(ctx).record({
      beep: true,
      maxLengthMs: 60_000,
      silenceTimeoutMs: 0,
      terminators: '#',
      format: 'wav',
      signal: ctx.signal,
    });
    return { exit: 'ok', vars: { outcome: result.outcome } };
  },
  switchvar: async (ctx) => {
    const value = await ctx.ports.switch.getCallVariable(call(ctx).id, p(ctx).name);
    return { exit: 'ok', vars: { cause: value ?? '' } };
  },
  dial: async (ctx) => {
    const result = await ctx.ports.switch.originate({
      target: p(ctx).targets[0]!,
      ringTimeoutMs: p(ctx).ringTimeoutMs ?? 5000,
      headers: {},
      attachToRun: true,
      signal: ctx.signal,
    });
    if (result.outcome === 'answered')
      return { exit: 'answered', vars: { outcome: 'answered', answeredBy: result.callId } };
    return { exit: result.outcome, vars: { outcome: result.outcome, cause: result.cause } };
  },
  hangup: async (ctx) => {
    await call(ctx).hangup('NORMAL_CLEARING');
    return { exit: 'ok' };
  },
};

const VARIABLES = [
  'outcome',
  'cause',
  'answeredBy',
  'digits',
  'digitCount',
  'terminator',
  'interruptedBy',
  'orderId',
  'slot',
];

/** A linear scenario: each node's first exit goes to the next one; `exits` override per node. */
export function scenario(
  id: string,
  nodes: Array<{ type: string; params?: Record<string, unknown>; exits?: Record<string, string> }>,
  kind: 'main' | 'service' = 'main',
): ScenarioDocument {
  return scenarioDocumentSchema.parse({
    format: 'ivr-scenario/1',
    id,
    name: id,
    kind,
    variables: VARIABLES.map((name) => ({ name, type: 'string', scope: 'run', initial: '' })),
    returns: VARIABLES,
    start: 'n0',
    nodes: nodes.map((node, i) => {
      const definition = testCatalog.get(node.type, 1)!;
      const exits = definition.exits as readonly { id: string }[];
      const next = i + 1 < nodes.length ? `n${i + 1}` : undefined;
      return {
        id: `n${i}`,
        type: node.type,
        typeVersion: 1,
        params: node.params ?? {},
        exits: node.exits ?? (next && exits[0] ? Object.fromEntries(exits.map((e) => [e.id, next])) : {}),
      };
    }),
  });
}

export interface Harness {
  service: TelephonyService;
  emulator: Emulator;
  engine: ScenarioEngine;
  routes: Map<string, RouteDecision>;
  lifecycle: CallLifecycleEvent[];
  /** Resolves with the run of the call (by call id) once it ended. */
  result(callId: string): Promise<RunResult>;
  /** The port a run used (to check it left nothing behind). */
  port(callId: string): EslCallPort | undefined;
  close(): Promise<void>;
}

export async function startHarness(
  scenarios: Record<string, ScenarioDocument>,
  config: Partial<TelephonyConfig> = {},
): Promise<Harness> {
  const routes = new Map<string, RouteDecision>();
  const results = new Map<string, { promise: Promise<RunResult>; resolve: (r: RunResult) => void }>();
  const ports = new Map<string, EslCallPort>();
  const entry = (callId: string) => {
    let e = results.get(callId);
    if (!e) {
      let resolve!: (r: RunResult) => void;
      const promise = new Promise<RunResult>((r) => (resolve = r));
      e = { promise, resolve };
      results.set(callId, e);
    }
    return e;
  };
  const service = new TelephonyService({
    ...DEFAULT_TELEPHONY_CONFIG,
    listenPort: 0,
    nodeId: 'test-node',
    recordingsDir: mkdtempSync(join(tmpdir(), 'ivr-telephony-')),
    dialPlan: {
      numberTemplate: 'sofia/external/{number}@127.0.0.1',
      extensionTemplate: 'user/{extension}',
      groupTemplate: 'group/{group}',
    },
    reaper: { intervalMs: 0, graceMs: 0 },
    embedded: { timeScale: 0.01, heartbeatSeconds: 0 },
    ...config,
  });
  const lifecycle: CallLifecycleEvent[] = [];
  service.lifecycle.on((event) => lifecycle.push(event));
  service.setRouter({ route: async (call) => routes.get(call.destination) ?? null });
  await service.start();
  const engine = new ScenarioEngine({
    catalog: testCatalog,
    executor: (type) => testExecutors[type],
    scenarios: {
      load: async (id) => {
        const document = scenarios[id];
        if (!document) throw new Error(`no scenario ${id}`);
        return { document, version: 1 };
      },
    },
    ports: { switch: service.switchPort } as EngineDependencies['ports'],
    legs: service.legClaims,
  });
  service.setRunner({
    run: async (request: RunRequest) => {
      const callId = request.call!.port.id;
      ports.set(callId, request.call!.port as EslCallPort);
      const result = await engine.run(request);
      entry(callId).resolve(result);
      return result;
    },
  });
  return {
    service,
    emulator: service.embeddedSwitch!.emulator,
    engine,
    routes,
    lifecycle,
    result: (callId) => entry(callId).promise,
    port: (callId) => ports.get(callId),
    close: () => service.stop(),
  };
}

/** Resolves on the first emulator activity entry of a call that matches. */
export function activity(
  emulator: Emulator,
  uuid: string | undefined,
  match: (entry: CallActivityEntry) => boolean,
): Promise<CallActivityEntry> {
  return new Promise((resolve) => {
    const off = emulator.onActivity((entry) => {
      if ((uuid === undefined || entry.uuid === uuid) && match(entry)) {
        off();
        resolve(entry);
      }
    });
  });
}

/** Polls until the condition holds (bounded), for state that settles over the network. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
