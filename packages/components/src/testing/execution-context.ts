/**
 * A real ExecutionContext for executor tests: CEL expressions and templates evaluated by the
 * scenario language, variables in a map, ports given by the test. No engine needed.
 */
import { ScenarioExpressions, type SystemValues, type ValueType } from '@ivr/scenario-schema';
import type { ExecutionContext } from '../executor.js';
import type { Ports } from '../ports/index.js';

export interface TestContextOptions<P> {
  params: P;
  /** Declared variables with their types and starting values. */
  variables?: Record<string, { type: ValueType; value?: unknown }>;
  ports?: Partial<Ports>;
  system?: SystemValues;
  signal?: AbortSignal;
}

export interface TestContext<P> extends ExecutionContext<P> {
  values: Map<string, unknown>;
  logs: Array<{ level: string; message: string }>;
  notes: string[];
}

export function testContext<P>(options: TestContextOptions<P>): TestContext<P> {
  const declared = Object.entries(options.variables ?? {}).map(([name, v]) => ({ name, type: v.type }));
  const expressions = new ScenarioExpressions(declared);
  const values = new Map<string, unknown>();
  for (const [name, v] of Object.entries(options.variables ?? {})) if (v.value !== undefined) values.set(name, v.value);
  const snapshot = () => Object.fromEntries(values);
  const logs: TestContext<P>['logs'] = [];
  const notes: string[] = [];
  const log = (level: string) => (message: string) => void logs.push({ level, message });
  const missing = (name: string) =>
    new Proxy({}, { get: () => () => Promise.reject(new Error(`the test gave no ${name} port`)) });
  const ports = {
    switch: missing('switch'),
    sql: missing('sql'),
    http: missing('http'),
    sms: missing('sms'),
    mail: missing('mail'),
    excel: missing('excel'),
    payments: missing('payments'),
    scenarios: missing('scenarios'),
    clock: {
      now: () => new Date(),
      sleep: (ms: number, { signal }: { signal: AbortSignal }) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
        }),
    },
    trace: { note: (message: string) => void notes.push(message) },
    ...options.ports,
  } as Ports;
  return {
    params: options.params,
    nodeId: 'node',
    scenario: { id: 'test', version: 1, kind: 'ivr', runId: 'run-1' },
    variables: {
      get: (name) => values.get(name),
      set: (name, value) => {
        if (!options.variables?.[name]) throw new Error(`"${name}" is not a declared variable`);
        values.set(name, value);
      },
    },
    evaluate: (source) => expressions.evaluate(source, snapshot(), options.system),
    renderTemplate: (text) => expressions.render(text, snapshot(), options.system),
    signal: options.signal ?? new AbortController().signal,
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    ports,
    values,
    logs,
    notes,
  };
}
