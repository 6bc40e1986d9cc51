import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parse as parseYaml } from 'yaml';
import { catalog, type Ports } from '@ivr/components';
import { executors } from '@ivr/components/executors';
import { migrate, scenarioDocumentSchema, validate, type ScenarioDocument } from '@ivr/scenario-schema';
import type { CallActivityEntry, EndpointBehaviour } from '@ivr/esl-emulator';
import { ScenarioEngine, type RunResult } from '../engine/engine.js';
import type { StepTrace } from '../engine/trace.js';
import type { ConnectionResolver, IntegrationConnection } from '../integrations/connection-resolver.js';
import { ExcelAdapter } from '../integrations/excel/excel-adapter.js';
import { FileStore } from '../integrations/file-store.js';
import { HttpAdapter } from '../integrations/http/http-adapter.js';
import { SqlAdapter } from '../integrations/sql/sql-adapter.js';
import { DEFAULT_TELEPHONY_CONFIG } from '../telephony/config.js';
import { TelephonyService } from '../telephony/telephony-service.js';
import { compare, type Observed } from './expectations.js';
import { HttpReceiver, MessageCapture } from './test-doubles.js';
import {
  scenarioTestFileSchema,
  type EndpointBehaviourSpec,
  type ScenarioTestCase,
  type ScenarioTestFile,
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
export async function loadTestFile(file: string): Promise<{ spec: ScenarioTestFile; scenarios: ScenarioDocument[] }> {
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
  const parsed = scenarioTestFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`).join('; '));
  }
  const scenarios: ScenarioDocument[] = [];
  for (const relative of parsed.data.scenarios) {
    const path = resolve(dirname(file), relative);
    const migrated = migrate(JSON.parse(await readFile(path, 'utf8')));
    if (!migrated.ok) throw new Error(`${relative}: ${migrated.message}`);
    const errors = validate(migrated.document, catalog).filter((d) => d.severity === 'error');
    if (errors.length)
      throw new Error(`${relative} is not valid: ${errors.map((d) => `${d.code} ${d.path}: ${d.message}`).join('; ')}`);
    scenarios.push(scenarioDocumentSchema.parse(migrated.document));
  }
  return { spec: parsed.data, scenarios };
}

function endpointBehaviour(spec: EndpointBehaviourSpec): EndpointBehaviour {
  if (typeof spec === 'string') return { outcome: spec };
  return {
    outcome: 'answer',
    ...(spec.answerAfter !== undefined ? { afterSeconds: spec.answerAfter } : {}),
    ...(spec.hangupAfter !== undefined ? { hangupAfterSeconds: spec.hangupAfter } : {}),
    ...(spec.press !== undefined ? { pressDigits: spec.press } : {}),
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
  const { spec, scenarios } = loaded;
  const timeScale = options.timeScale ?? 0.05;
  const work = mkdtempSync(join(tmpdir(), 'ivr-test-'));
  const receivers = new Map<string, { receiver: HttpReceiver; baseUrl: string }>();
  const telephony = new TelephonyService({
    ...DEFAULT_TELEPHONY_CONFIG,
    listenPort: 0,
    recordingsDir: join(work, 'files'),
    reaper: { intervalMs: 3_600_000, graceMs: 3_600_000 },
    embedded: { timeScale, heartbeatSeconds: 0 },
  });
  try {
    for (const [name, connection] of Object.entries(spec.connections)) {
      if (connection.kind !== 'http') continue;
      const receiver = new HttpReceiver(connection.responses);
      receivers.set(name, { receiver, baseUrl: await receiver.start() });
    }
    await mkdir(join(work, 'files'), { recursive: true });
    await telephony.start();
    const results: CaseResult[] = [];
    for (const [index, testCase] of spec.cases.entries()) {
      const started = Date.now();
      let failures: string[];
      try {
        failures = await runCase({ spec, scenarios, testCase, index, work, receivers, telephony, timeScale });
      } catch (error) {
        failures = [`the case could not run: ${(error as Error).message}`];
      }
      results.push({ name: testCase.name, passed: failures.length === 0, failures, durationMs: Date.now() - started });
    }
    return { file, cases: results };
  } finally {
    await telephony.stop();
    for (const { receiver } of receivers.values()) await receiver.close();
    rmSync(work, { recursive: true, force: true });
  }
}

interface CaseContext {
  spec: ScenarioTestFile;
  scenarios: ScenarioDocument[];
  testCase: ScenarioTestCase;
  index: number;
  work: string;
  receivers: Map<string, { receiver: HttpReceiver; baseUrl: string }>;
  telephony: TelephonyService;
  timeScale: number;
}

async function runCase(c: CaseContext): Promise<string[]> {
  const { spec, testCase, telephony } = c;
  const emulator = telephony.embeddedSwitch!.emulator;
  const underTest = spec.scenario ?? c.scenarios[0]!.id;
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
      db.exec(connection.setup);
    } finally {
      db.close();
    }
    sqlFiles.set(name, path);
  }
  const resolver: ConnectionResolver = {
    resolve: async (name): Promise<IntegrationConnection | null> => {
      const sql = sqlFiles.get(name);
      if (sql) return { name, type: 'sql', driver: 'sqlite', settings: { file: sql }, secrets: {} };
      const http = c.receivers.get(name);
      if (http) return { name, type: 'http', driver: 'http', settings: { baseUrl: http.baseUrl }, secrets: {} };
      return null;
    },
  };
  for (const { receiver } of c.receivers.values()) receiver.requests.length = 0;
  const messages = new MessageCapture();
  const sql = new SqlAdapter(resolver, c.work);
  const files = new FileStore(join(c.work, 'files'));
  const traces: StepTrace[] = [];
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
      payments: unavailable('payments') as Ports['payments'],
      clock: realClock,
    },
    legs: telephony.legClaims,
    traces: { step: (trace) => traces.push(trace) },
  });
  for (const [match, behaviour] of Object.entries({ ...spec.endpoints, ...testCase.endpoints })) {
    emulator.defineEndpoint({ match, ...endpointBehaviour(behaviour) });
  }

  const heard: CallActivityEntry[] = [];
  const activity: CallActivityEntry[] = [];
  const waiters = new Set<() => void>();
  const stopListening = emulator.onActivity((entry) => {
    activity.push(entry);
    if (entry.type === 'play') heard.push(entry);
    for (const wake of waiters) wake();
  });
  const limitMs = Math.max(5_000, testCase.timeout * 1000 * c.timeScale + 30_000);
  let main: Promise<RunResult> | undefined;
  try {
    let callId: string | undefined;
    if (testCase.args) {
      main = engine.run({ scenarioId: underTest, args: testCase.args });
    } else {
      telephony.setRouter({ route: async () => ({ scenarioId: underTest }) });
      telephony.setRunner({
        run: (request) => {
          const running = engine.run(request);
          if (!request.parentRunId && !main) main = running;
          return running;
        },
      });
      const call = emulator.placeCall({
        from: testCase.call.from,
        to: testCase.call.to,
        headers: testCase.call.headers,
      });
      callId = call.uuid;
      let seen = 0;
      for (const step of testCase.script) {
        if ('hear' in step) {
          const found = await waitFor(waiters, limitMs, () => {
            const at = heard.findIndex(
              (h, i) => i >= seen && h.type === 'play' && (h.text ?? h.target).includes(step.hear),
            );
            if (at >= 0) seen = at + 1;
            return at >= 0;
          });
          if (!found) return [`never heard "${step.hear}"; heard ${JSON.stringify(heard.map(spoken))}`];
        } else if ('press' in step) await call.pressDigits(step.press, 100);
        else if ('wait' in step) await new Promise((r) => setTimeout(r, step.wait * 1000 * c.timeScale));
        else call.hangup();
      }
      await waitFor(waiters, limitMs, () => main !== undefined);
    }
    if (!main) return ['the call never reached a scenario run'];
    const result = await withTimeout(main, limitMs, `the run did not end within ${Math.round(limitMs / 1000)} s`);
    if (callId)
      await withTimeout(emulator.call(callId).ended(), 10_000, 'the call did not end after the run').catch(
        () => undefined,
      );
    const summary = callId ? emulator.call(callId).history() : undefined;
    const variables: Record<string, unknown> = {};
    for (const trace of traces) if (trace.runId === result.runId) Object.assign(variables, trace.changed);
    for (const [name, value] of Object.entries(result.returns)) variables[name] = value;
    const observed: Observed = {
      heard: heard.map(spoken),
      bridged: activity.filter((a) => a.type === 'bridged').map((a) => (a as { to: string }).to),
      variables,
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
    };
    const failures = await compare(observed, testCase.expect);
    if (result.status === 'failed' && testCase.expect.status !== 'failed') {
      failures.push(`the run failed: ${result.reason ?? 'no reason given'}`);
    }
    return failures;
  } finally {
    stopListening();
    await sql.close();
  }
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
    { get: () => () => Promise.reject(new Error(`${name} are not available in scenario tests yet`)) },
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
