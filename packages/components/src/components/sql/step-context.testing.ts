/**
 * A real execution context for executor tests: declared variables, CEL evaluation and templates
 * from @ivr/scenario-schema, and the ports a test passes. Shared by the data and messaging
 * executor specs (test-only: nothing in the catalog imports it).
 */
import { ScenarioExpressions, type ValueType } from '@ivr/scenario-schema';
import type { ExecutionContext } from '../../executor.js';
import type { Ports } from '../../ports/index.js';

export interface StepHarness<P> {
  context: ExecutionContext<P>;
  notes: string[];
  warnings: Array<{ message: string; fields?: Readonly<Record<string, unknown>> }>;
  abort(reason?: unknown): void;
}

export function stepContext<P>(
  params: P,
  options: {
    variables?: Record<string, { type: ValueType; value?: unknown }>;
    ports?: Partial<Ports>;
    callerId?: string;
  } = {},
): StepHarness<P> {
  const declared = Object.entries(options.variables ?? {}).map(([name, v]) => ({ name, type: v.type }));
  const values = new Map<string, unknown>();
  for (const [name, v] of Object.entries(options.variables ?? {})) if (v.value !== undefined) values.set(name, v.value);
  const expressions = new ScenarioExpressions(declared);
  const snapshot = () => Object.fromEntries(declared.map((d) => [d.name, values.get(d.name)]));
  const system = {
    call: {
      uuid: 'c1',
      callerId: options.callerId ?? '79161234567',
      callerName: '',
      dialedNumber: '100',
      headers: {},
      answered: true,
    },
  };
  const notes: string[] = [];
  const warnings: StepHarness<P>['warnings'] = [];
  const controller = new AbortController();
  const noop = () => undefined;
  const context: ExecutionContext<P> = {
    params,
    nodeId: 'node',
    scenario: { id: 'test', version: 1, kind: 'ivr', runId: 'run-1' },
    variables: {
      get(name) {
        if (!declared.some((d) => d.name === name)) throw new Error(`"${name}" is not a declared variable`);
        return values.get(name);
      },
      set(name, value) {
        values.set(name, value);
      },
    },
    evaluate: (source) => expressions.evaluate(source, snapshot(), system),
    renderTemplate: (text) => expressions.render(text, snapshot(), system),
    signal: controller.signal,
    log: {
      debug: noop,
      info: noop,
      error: noop,
      warn: (message, fields) => warnings.push({ message, ...(fields ? { fields } : {}) }),
    },
    ports: { trace: { note: (message) => notes.push(message) }, ...options.ports } as Ports,
  };
  return { context, notes, warnings, abort: (reason) => controller.abort(reason) };
}
