import { mkdtempSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parse as parseYaml } from 'yaml';
import { catalog, type Ports } from '@ivr/components';
import { executors } from '@ivr/components/executors';
import { migrate, scenarioDocumentSchema, validate, type ScenarioDocument } from '@ivr/scenario-schema';
import type { CallActivityEntry, EndpointBehaviour, EndpointDefinition } from '@ivr/esl-emulator';
import { ScenarioEngine, type RunRequest, type RunResult } from '../engine/engine.js';
import type { StepTrace } from '../engine/trace.js';
import type { ConnectionResolver, IntegrationConnection } from '../integrations/connection-resolver.js';
import { ExcelAdapter } from '../integrations/excel/excel-adapter.js';
import { FileStore } from '../integrations/file-store.js';
import { HttpAdapter } from '../integrations/http/http-adapter.js';
import { SqlAdapter } from '../integrations/sql/sql-adapter.js';
import { DEFAULT_TELEPHONY_CONFIG } from '../telephony/config.js';
import { PaymentCallbackDispatcher } from '../payments/callback-dispatcher.js';
import { InMemoryPaymentCallbackStore } from '../payments/callback-store.js';
import { PaymentsAdapter } from '../payments/payments-adapter.js';
import { startSandboxProcessor, type SandboxProcessor } from '../payments/sandbox-processor.js';
import { TelephonyService, type RouteDecision } from '../telephony/telephony-service.js';
import { compare, type Observed } from './expectations.js';
import { InProcessStarts } from './in-process-starts.js';
import { HttpReceiver, MessageCapture, readWorkbookRows, writeWorkbook } from './test-doubles.js';
import {
  scenarioTestFileSchema,
  type EndpointBehaviourSpec,
  type RouteSpec,
  type ScenarioTestCase,
  type ScenarioTestFile,
  type TestStep,
} from './test-file.js';

export interface CaseResult {
  name: string;
  passed: boolean;
  failures: string[];
  durationMs: number;
}

export interface FileResult {
  file: string;
  cases: CaseResult[];
  /** The file itself could not run (bad YAML, an invalid scenario...). */
  error?: string;
}

export interface RunOptions {
  /** Simulated time per real time on the emulator (0.05: twenty times faster). */
  timeScale?: number;
}

/** Reads and checks a test file and the scenarios it names; every problem comes back as one clear message. */
/** Parses and checks a test file's text; every problem comes back as one clear message. */
export function parseTestSpec(text: string, yaml: boolean): ScenarioTestFile {
  let raw: unknown;
  try {
    raw = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
  const parsed = scenarioTestFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/**
 * The scenarios a test file names, migrated and validated (an invalid one stops the file), with the
 * scenario ids its routes and cases use checked. `read` gives the raw document of an entry of `scenarios`.
 */
export async function prepareScenarios(
  spec: ScenarioTestFile,
  read: (entry: string) => Promise<unknown>,
): Promise<ScenarioDocument[]> {
  const scenarios: ScenarioDocument[] = [];
  for (const entry of spec.scenarios) {
    const migrated = migrate(await read(entry));
    if (!migrated.ok) throw new Error(`${entry}: ${migrated.message}`);
    const errors = validate(migrated.document, catalog).filter((d) => d.severity === 'error');
    if (errors.length)
      throw new Error(`${entry} is not valid: ${errors.map((d) => `${d.code} ${d.path}: ${d.message}`).join('; ')}`);
    scenarios.push(scenarioDocumentSchema.parse(migrated.document));
  }
  const ids = new Set(scenarios.map((doc) => doc.id));
  const named = [
    ...Object.entries(spec.routes).flatMap(([number, route]) => {
      const id = typeof route === 'string' ? route : 'scenario' in route ? route.scenario : undefined;
      return id === undefined ? [] : [[`routes.${number}`, id] as const];
    }),
    ...spec.cases.flatMap((c, i) => (c.scenario ? [[`cases.${i}.scenario`, c.scenario] as const] : [])),
    ...(spec.scenario ? [['scenario', spec.scenario] as const] : []),
  ];
  for (const [where, id] of named) {
    if (!ids.has(id)) throw new Error(`${where}: no scenario with id "${id}" among ${[...ids].join(', ')}`);
  }
  return scenarios;
}

export async function loadTestFile(file: string): Promise<{ spec: ScenarioTestFile; scenarios: ScenarioDocument[] }> {
  const spec = parseTestSpec(await readFile(file, 'utf8'), /\.ya?ml$/i.test(file));
  const scenarios = await prepareScenarios(spec, async (relative) =>
    JSON.parse(await readFile(resolve(dirname(file), relative), 'utf8')),
  );
  return { spec, scenarios };
}

/** The emulator's behaviour for an endpoint; its `press` keys are pressed by the runner when the leg is asked. */
function endpointBehaviour(spec: EndpointBehaviourSpec): EndpointBehaviour {
  if (typeof spec === 'string') return { outcome: spec };
  return {
    outcome: 'answer',
    ...(spec.answerAfter !== undefined ? { afterSeconds: spec.answerAfter } : {}),
    ...(spec.hangupAfter !== undefined ? { hangupAfterSeconds: spec.hangupAfter } : {}),
  };
}

/**
 * Runs every case of a test file on the embedded emulator through the real engine, telephony
 * adapter and integrations; only SMS and e-mail are captured instead of sent.
 */
export async function runScenarioTestFile(file: string, options: RunOptions = {}): Promise<FileResult> {
  let loaded;
  try {
    loaded = await loadTestFile(file);
  } catch (error) {
    return { file, cases: [], error: (error as Error).message };
  }
  return runScenarioTests(file, loaded.spec, loaded.scenarios, options);
}

/**
 * Runs checked cases against checked scenarios. `file` names the test file: paths in it (xlsx,
 * setup SQL) are relative to its folder.
 */
export async function runScenarioTests(
  file: string,
  spec: ScenarioTestFile,
  scenarios: ScenarioDocument[],
  options: RunOptions = {},
): Promise<FileResult> {
  const timeScale = options.timeScale ?? spec.timeScale ?? 0.05;
  const work = mkdtempSync(join(tmpdir(), 'ivr-test-'));
  const receivers = new Map<string, { receiver: HttpReceiver; baseUrl: string }>();
  let sandbox: SandboxProcessor | undefined;
  const telephony = new TelephonyService({
    ...DEFAULT_TELEPHONY_CONFIG,
    listenPort: 0,
    recordingsDir: join(work, 'files'),
    reaper: { intervalMs: 3_600_000, graceMs: 3_600_000 },
    embedded: { timeScale, heartbeatSeconds: 0 },
  });
  try {
    for (const [name, connection] of Object.entries(spec.connections)) {
      if (connection.kind === 'http') {
        const receiver = new HttpReceiver(connection.responses);
        receivers.set(name, { receiver, baseUrl: await receiver.start() });
      } else if (connection.kind === 'payments-sandbox') sandbox ??= await startSandboxProcessor();
    }
    await mkdir(join(work, 'files'), { recursive: true });
    await telephony.start();
    const endpointBaseline = [...telephony.embeddedSwitch!.emulator.switch.endpoints];
    const results: CaseResult[] = [];
    for (const [index, testCase] of spec.cases.entries()) {
      const started = Date.now();
      let failures: string[];
      try {
        failures = await runCase({
          file,
          spec,
          scenarios,
          testCase,
          index,
          work,
          receivers,
          sandbox,
          telephony,
          timeScale,
          endpointBaseline,
        });
      } catch (error) {
        failures = [`the case could not run: ${(error as Error).message}`];
      }
      results.push({ name: testCase.name, passed: failures.length === 0, failures, durationMs: Date.now() - started });
    }
    return { file, cases: results };
  } finally {
    await telephony.stop();
    for (const { receiver } of receivers.values()) await receiver.close();
    await sandbox?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

interface CaseContext {
  file: string;
  spec: ScenarioTestFile;
  scenarios: ScenarioDocument[];
  testCase: ScenarioTestCase;
  index: number;
  work: string;
  receivers: Map<string, { receiver: HttpReceiver; baseUrl: string }>;
  sandbox: SandboxProcessor | undefined;
  telephony: TelephonyService;
  timeScale: number;
  endpointBaseline: readonly EndpointDefinition[];
}

/** A secret for signing payment result callbacks in tests (the receiver does not check it). */
const TEST_CALLBACK_SECRET = 'scenario-tests-callback-secret';

/** `${name}` in a header value or argument: the base URL of the HTTP receiver `name`. */
function withReceiverUrls(text: string, receivers: CaseContext['receivers']): string {
  return text.replace(/\$\{([A-Za-z0-9_-]+)\}/g, (whole, name: string) => receivers.get(name)?.baseUrl ?? whole);
}

function routeFor(routes: ScenarioTestFile['routes'], destination: string, fallback: string): RouteDecision {
  const entry = Object.entries(routes).find(([pattern]) => {
    if (pattern === destination) return true;
    try {
      return new RegExp(`^(?:${pattern})$`).test(destination);
    } catch {
      return false;
    }
  });
  const spec: RouteSpec = entry ? entry[1] : fallback;
  if (typeof spec === 'string') return { scenarioId: spec };
  if ('scenario' in spec) return { scenarioId: spec.scenario };
  if ('pickup' in spec) return { pickup: spec.pickup, slot: destination };
  return {
    park: spec.park,
    ...(spec.firstSlot !== undefined ? { firstSlot: spec.firstSlot } : {}),
    ...(spec.lastSlot !== undefined ? { lastSlot: spec.lastSlot } : {}),
    ...(spec.timeout !== undefined ? { timeoutMs: spec.timeout * 1000 } : {}),
  };
}

async function runCase(c: CaseContext): Promise<string[]> {
  const { spec, testCase, telephony } = c;
  const emulator = telephony.embeddedSwitch!.emulator;
  const underTest = testCase.scenario ?? spec.scenario ?? c.scenarios[0]!.id;
  const documents = new Map(c.scenarios.map((doc) => [doc.id, doc]));
  if (!documents.has(underTest))
    return [`no scenario with id "${underTest}" among ${[...documents.keys()].join(', ')}`];

  // A fresh SQLite file per connection and case, filled by the setup statements.
  const sqlFiles = new Map<string, string>();
  for (const [name, connection] of Object.entries(spec.connections)) {
    if (connection.kind !== 'sqlite') continue;
    const path = join(c.work, `${name}-${c.index}.sqlite`);
    const db = new Database(path);
    try {
      if (connection.setupFile) db.exec(await readFile(resolve(dirname(c.file), connection.setupFile), 'utf8'));
      db.exec(connection.setup);
    } finally {
      db.close();
    }
    sqlFiles.set(name, path);
  }
  // A fresh file store per case, with the file's workbooks in it.
  const files = new FileStore(join(c.work, `files-${c.index}`));
  await mkdir(files.root, { recursive: true });
  for (const [name, source] of Object.entries(spec.files)) {
    if (typeof source === 'string') await copyFile(resolve(dirname(c.file), source), files.path(name));
    else await writeWorkbook(files.path(name), source.sheet, source.rows);
  }
  const resolver: ConnectionResolver = {
    resolve: async (name): Promise<IntegrationConnection | null> => {
      const sql = sqlFiles.get(name);
      if (sql) return { name, type: 'sql', driver: 'sqlite', settings: { file: sql }, secrets: {} };
      const http = c.receivers.get(name);
      if (http) return { name, type: 'http', driver: 'http', settings: { baseUrl: http.baseUrl }, secrets: {} };
      if (spec.connections[name]?.kind === 'payments-sandbox' && c.sandbox) {
        return {
          name,
          type: 'payment',
          driver: 'sandbox',
          settings: { url: c.sandbox.paymentsUrl },
          secrets: { callbackSecret: TEST_CALLBACK_SECRET },
        };
      }
      return null;
    },
  };
  for (const [name, { receiver }] of c.receivers.entries()) {
    receiver.requests.length = 0;
    receiver.override(c.testCase.respond[name] ?? {});
  }
  const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const callbackStore = new InMemoryPaymentCallbackStore();
  const dispatcher = new PaymentCallbackDispatcher({
    store: callbackStore,
    secretFor: async () => TEST_CALLBACK_SECRET,
    log: silent,
    maxAttempts: 3,
    baseDelayMs: 50,
    maxDelayMs: 200,
    timeoutMs: 5_000,
    pollIntervalMs: 100,
    hosts: { allow: [], deny: [] },
  });
  const operationsBefore = c.sandbox?.stats().operations ?? 0;
  const messages = new MessageCapture();
  const sql = new SqlAdapter(resolver, c.work);
  const traces: StepTrace[] = [];
  // The case's wall clock: `now` when given, moving on with real time; pauses run on the emulator's time scale.
  const clockOffset = testCase.now ? new Date(testCase.now).getTime() - Date.now() : 0;
  const clock = {
    now: () => new Date(Date.now() + clockOffset),
    sleep: (ms: number, options: { signal: AbortSignal }) => realClock.sleep(ms * c.timeScale, options),
  };
  const starts = new InProcessStarts({ telephony, timeScale: c.timeScale, clock });
  const engine = new ScenarioEngine({
    catalog,
    executor: (type, version) => executors.get(`${type}@${version}`),
    scenarios: {
      load: async (id) => {
        const document = documents.get(id);
        if (!document) throw new Error(`no scenario "${id}" in this test file`);
        return { document, version: 1 };
      },
    },
    ports: {
      switch: telephony.switchPort,
      sql,
      http: new HttpAdapter(resolver, { hosts: { allow: [], deny: [] }, retryBaseDelayMs: 10 }),
      excel: new ExcelAdapter(files),
      sms: messages,
      mail: messages,
      payments: c.sandbox
        ? new PaymentsAdapter({ connections: resolver, dispatcher, log: silent })
        : (unavailable('payments') as Ports['payments']),
      clock,
    },
    starts,
    legs: telephony.legClaims,
    traces: { step: (trace) => traces.push(trace) },
  });
  starts.attach(engine);
  dispatcher.start();
  // Each case starts from the switch's own endpoints: a case's endpoints never leak into the next.
  emulator.switch.endpoints = [...c.endpointBaseline];
  const presses = new Map<string, { keys: string; on?: string }>();
  for (const [match, behaviour] of Object.entries({ ...spec.endpoints, ...testCase.endpoints })) {
    emulator.defineEndpoint({ match, ...endpointBehaviour(behaviour) });
    if (typeof behaviour === 'object' && behaviour.press !== undefined)
      presses.set(match, { keys: behaviour.press, ...(behaviour.pressOn ? { on: behaviour.pressOn } : {}) });
  }
  // An answering endpoint presses its keys while a prompt plays to it (the runtime listens for keys
  // from the start of an input prompt), rather than at a fixed time after answering, which a busy
  // machine could make too early.
  const pressLegs = new Map<string, { keys: string; on?: string }>();
  const pressWhenAsked = (entry: CallActivityEntry) => {
    if (entry.type === 'created' && entry.direction === 'outbound') {
      const match = emulator.switch.explicitEndpointFor(entry.to)?.match;
      const press = match !== undefined ? presses.get(String(match)) : undefined;
      if (press !== undefined) pressLegs.set(entry.uuid, press);
    } else if (entry.type === 'play' && pressLegs.has(entry.uuid)) {
      const press = pressLegs.get(entry.uuid)!;
      if (press.on !== undefined && !spoken(entry).includes(press.on)) return;
      pressLegs.delete(entry.uuid);
      void emulator.pressDigits(entry.uuid, press.keys, 100).catch(() => undefined);
    }
  };
  const heard: CallActivityEntry[] = [];
  const activity: CallActivityEntry[] = [];
  const waiters = new Set<() => void>();
  const stopListening = emulator.onActivity((entry) => {
    activity.push(entry);
    pressWhenAsked(entry);
    if (entry.type === 'play') heard.push(entry);
    for (const wake of waiters) wake();
  });
  const limitMs = Math.max(5_000, testCase.timeout * 1000 * c.timeScale + 30_000);
  let main: Promise<RunResult> | undefined;
  const extraCallIds: string[] = [];
  let inviteHeaders: Record<string, string> = {};
  try {
    let callId: string | undefined;
    if (testCase.args) {
      const args = Object.fromEntries(
        Object.entries(testCase.args).map(([k, v]) => [
          k,
          typeof v === 'string' ? withReceiverUrls(v, c.receivers) : v,
        ]),
      );
      main = engine.run({ scenarioId: underTest, args });
    } else {
      telephony.setRouter({ route: async (call) => routeFor(spec.routes, call.destination, underTest) });
      telephony.setRunner({
        run: (request: RunRequest) => {
          const running = engine.run(request);
          if (!request.parentRunId && !main) main = running;
          else if (!request.parentRunId) starts.track(request.scenarioId, request.args ?? {}, running);
          return running;
        },
      });
      inviteHeaders = Object.fromEntries(
        Object.entries(testCase.call.headers).map(([k, v]) => [k, withReceiverUrls(v, c.receivers)]),
      );
      const call = emulator.placeCall({ from: testCase.call.from, to: testCase.call.to, headers: inviteHeaders });
      callId = call.uuid;
      const mainCallId = call.uuid;
      // Steps of one caller: `hear` looks at the prompts played on that caller's own call.
      const play = async (uuid: () => string | undefined, steps: readonly TestStep[]): Promise<string | undefined> => {
        let seen = 0;
        for (const step of steps) {
          if ('hear' in step) {
            const mine = () => heard.filter((h) => h.uuid === uuid());
            const found = await waitFor(waiters, limitMs, () => {
              const at = mine().findIndex((h, i) => i >= seen && spoken(h).includes(step.hear));
              if (at >= 0) seen = at + 1;
              return at >= 0;
            });
            if (!found) return `never heard "${step.hear}"; heard ${JSON.stringify(mine().map(spoken))}`;
          } else if ('press' in step) await emulator.pressDigits(uuid()!, step.press, 100);
          else if ('wait' in step) await new Promise((r) => setTimeout(r, step.wait * 1000 * c.timeScale));
          else emulator.hangup(uuid()!);
        }
        return undefined;
      };
      const callers = [play(() => mainCallId, testCase.script)];
      for (const extra of testCase.calls) {
        let uuid: string | undefined;
        callers.push(
          (async () => {
            const waited = await play(() => mainCallId, extra.before);
            if (waited) return `before the call to ${extra.to}: ${waited}`;
            uuid = emulator.placeCall({
              from: extra.from,
              to: extra.to,
              headers: Object.fromEntries(
                Object.entries(extra.headers).map(([k, v]) => [k, withReceiverUrls(v, c.receivers)]),
              ),
            }).uuid;
            extraCallIds.push(uuid);
            const failed = await play(() => uuid, extra.script);
            return failed ? `the call to ${extra.to}: ${failed}` : undefined;
          })(),
        );
      }
      const scriptFailures = (await Promise.all(callers)).filter((f): f is string => f !== undefined);
      if (scriptFailures.length) return scriptFailures;
      await waitFor(waiters, limitMs, () => main !== undefined);
    }
    if (!main) return ['the call never reached a scenario run'];
    const result = await withTimeout(main, limitMs, `the run did not end within ${Math.round(limitMs / 1000)} s`);
    if (callId)
      await withTimeout(emulator.call(callId).ended(), 10_000, 'the call did not end after the run').catch(
        () => undefined,
      );
    // Services, callbacks and other callers' runs finish before anything is compared.
    await withTimeout(starts.settled(), limitMs, 'runs started during the case did not end in time');
    if (c.sandbox) await waitUntil(async () => (await callbackStore.nextDueAt()) === undefined, 10_000);
    const summary = callId ? emulator.call(callId).history() : undefined;
    const variablesOf = (runId: string, returns: Record<string, unknown>) => {
      const variables: Record<string, unknown> = {};
      for (const trace of traces) if (trace.runId === runId) Object.assign(variables, trace.changed);
      for (const [name, value] of Object.entries(returns)) variables[name] = value;
      return variables;
    };
    const observed: Observed = {
      heard: heard.map(spoken),
      bridged: bridgedNumbers(activity, [
        callId,
        result.callId,
        ...extraCallIds,
        ...starts.runs.map((run) => run.result?.callId),
      ]),
      variables: variablesOf(result.runId, result.returns),
      status: result.status,
      ...(result.result !== undefined ? { result: result.result } : {}),
      ...(result.lastNodeId !== undefined ? { lastNode: result.lastNodeId } : {}),
      ...(summary?.hangupCause !== undefined ? { hangupCause: summary.hangupCause } : {}),
      sql: async (connection, query) => {
        const path = sqlFiles.get(connection);
        if (!path) throw new Error(`no SQLite connection "${connection}" in this test file`);
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(query).all() as Array<Record<string, unknown>>;
        } finally {
          db.close();
        }
      },
      http: [...c.receivers.entries()].flatMap(([connection, { receiver }]) =>
        receiver.requests.map((r) => ({ connection, ...r })),
      ),
      sms: messages.sms.map(({ to, text }) => ({ to, text })),
      mail: messages.mail.map(({ to, subject }) => ({ to, subject })),
      runs: starts.runs.map((run) => ({
        scenario: run.scenario,
        args: run.args,
        status: run.result?.status ?? 'running',
        ...(run.result?.result !== undefined ? { result: run.result.result } : {}),
        variables: run.result ? variablesOf(run.result.runId, run.result.returns) : {},
      })),
      callbacks: starts.callbacks.map(({ to, scenario, status }) => ({ to, scenario, status })),
      excel: (file, sheet) => readWorkbookRows(files.path(file), sheet),
      payments: { operations: (c.sandbox?.stats().operations ?? 0) - operationsBefore },
      sentHeaders: bridgeHeaders(activity, callId ?? result.callId, inviteHeaders),
    };
    const failures = await compare(observed, testCase.expect);
    if (result.status === 'failed' && testCase.expect.status !== 'failed') {
      failures.push(`the run failed: ${result.reason ?? 'no reason given'}`);
    }
    return failures;
  } finally {
    stopListening();
    starts.close();
    await dispatcher.stop();
    await sql.close();
  }
}

/**
 * The numbers the given legs (the callers', and the legs runs dialed) were bridged to, in order: the
 * dialed user part of each dial string (`user/200` -> 200, `sofia/gateway/gsm/79161234567` -> 79161234567).
 */
function bridgedNumbers(activity: readonly CallActivityEntry[], legs: ReadonlyArray<string | undefined>): string[] {
  const ids = new Set(legs.filter((id): id is string => id !== undefined));
  return activity
    .filter((a): a is Extract<CallActivityEntry, { type: 'bridged' }> => a.type === 'bridged' && ids.has(a.uuid))
    .map((a) => (a.to.split('/').at(-1) ?? a.to).replace(/@.*$/, ''));
}

/**
 * The X- headers the leg's last bridge sent: its own sip_h_ variables (the INVITE's headers, then
 * those set on it) and those in the bridge's dial string, as the switch passes them to the called leg.
 */
function bridgeHeaders(
  activity: readonly CallActivityEntry[],
  leg: string | undefined,
  invite: Readonly<Record<string, string>>,
): Record<string, string> {
  const own = new Map(Object.entries(invite));
  let sent: Record<string, string> = {};
  for (const entry of activity) {
    if (entry.uuid !== leg) continue;
    if (entry.type === 'set' && entry.name.startsWith('sip_h_')) {
      if (entry.value === undefined || entry.value === '') own.delete(entry.name.slice(6));
      else own.set(entry.name.slice(6), entry.value);
    } else if (entry.type === 'execute' && entry.app === 'bridge') {
      sent = Object.fromEntries(own);
      for (const match of entry.data.matchAll(/sip_h_([A-Za-z0-9_-]+)=('[^']*'|[^,}\]]*)/g))
        sent[match[1]!] = match[2]!.replace(/^'|'$/g, '');
    }
  }
  return sent;
}

function spoken(entry: CallActivityEntry): string {
  return entry.type === 'play' ? (entry.text ?? entry.target) : '';
}

const realClock = {
  now: () => new Date(),
  sleep: (ms: number, { signal }: { signal: AbortSignal }) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    }),
};

function unavailable(name: string): unknown {
  return new Proxy(
    {},
    {
      get: () => () =>
        Promise.reject(new Error(`${name} are not available here: add a payments-sandbox connection to the test file`)),
    },
  );
}

async function waitFor(waiters: Set<() => void>, timeoutMs: number, check: () => boolean): Promise<boolean> {
  if (check()) return true;
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve(value);
    };
    const wake = () => {
      if (check()) done(true);
    };
    const timer = setTimeout(() => done(check()), timeoutMs);
    waiters.add(wake);
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
