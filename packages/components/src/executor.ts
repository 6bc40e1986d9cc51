/**
 * The contract between the engine (apps/runtime) and a component's executor. An executor runs one
 * step: it reads its params, talks to the ports, and answers with an exit id. It never picks the
 * next node; the engine routes the exit. Types only: this file is safe to import anywhere.
 */
import type { ScenarioKind } from '@ivr/scenario-schema';
import type { Ports } from './ports/index.js';

export interface ScenarioInfo {
  /** Scenario id and the published version this run is pinned to. */
  id: string;
  version: number;
  kind: ScenarioKind;
  /** This run; sub-scenario runs have their own id and their parent's. */
  runId: string;
  parentRunId?: string;
}

/** Variables by name; the engine resolves the scope (run, call, global) from the declarations. */
export interface VariablesAccessor {
  /** Undefined for a declared variable not set yet; throws for an undeclared name. */
  get(name: string): unknown;
  /**
   * Writes at once (visible to templates evaluated later in the same step). Prefer returning
   * `vars` from the executor: those are applied when the step ends, together, and traced.
   */
  set(name: string, value: unknown): void;
}

/** Structured logs of the run (node id and run id already attached). */
export interface StepLogger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export interface ExecutionContext<P = Record<string, unknown>> {
  /** Params with defaults applied (`definition.params.parse(node.params)`); templates not rendered yet. */
  params: P;
  nodeId: string;
  scenario: ScenarioInfo;
  variables: VariablesAccessor;
  /** Evaluates a CEL expression against the run's variables and system values; throws on an evaluation error. */
  evaluate(expression: string): unknown;
  /** Renders `{{ cel }}` parts of a template param; throws on an evaluation error. */
  renderTemplate(text: string): string;
  /**
   * Fires on hangup (for call components), on the step's timeout and on engine shutdown. The
   * executor stops what it started, removes its own listeners and timers, and rejects or returns.
   */
  signal: AbortSignal;
  log: StepLogger;
  ports: Ports;
}

export interface ExecutionResult {
  /** One of the definition's exits for these params. */
  exit: string;
  /** Variables to set, applied when the step ends (sensitive ones redacted in the trace). */
  vars?: Record<string, unknown>;
  /** The run's outcome, set by the step that ends it (`end`): campaigns store it per contact. */
  result?: string;
  /**
   * What went wrong, with a failure exit (`error`, `failed`, `timeout`...): the steps after it read it
   * as `error.code` / `error.message`, as an onError handler would (a fallback can log or say why).
   */
  error?: { code: string; message: string };
}

/**
 * Runs one step. A non-fatal failure is the `error` exit (or a component-specific one such as
 * `failed`), not an exception; a thrown error or a rejection the engine treats as `error` too, and
 * an abort (signal fired) as the end of the step without an exit.
 */
export type Executor<P = Record<string, unknown>> = (context: ExecutionContext<P>) => Promise<ExecutionResult>;
