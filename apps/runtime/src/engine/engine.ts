import { randomUUID } from 'node:crypto';
import type {
  CallPort,
  ExecutionContext,
  ExecutionResult,
  Executor,
  Ports,
  ScenariosPort,
  StepLogger,
  SwitchPort,
} from '@ivr/components';
import type { CallInfo, Catalog, ErrorInfo, ScenarioDocument, SystemValues } from '@ivr/scenario-schema';
import { EngineShutdown, HangupSignal, ScenarioUnavailable, StepTimeout } from './errors.js';
import { MessageBus } from './message-bus.js';
import { ScenarioProgram, type ProgramNode } from './program.js';
import { REDACTED, noTraces, type StepTrace, type TraceSink } from './trace.js';
import { InMemoryGlobals, RunVariables, type GlobalVariableStore } from './variables.js';

/** The call a run controls, shared by every scenario on it (main, IVR, sub-scenarios). */
export interface CallLeg {
  port: CallPort;
  info(): CallInfo;
  /** Fires when the caller hangs up; its reason is a HangupSignal. */
  hangup: AbortSignal;
  /** Variables of scope `call`. */
  variables: Map<string, unknown>;
}

export interface EngineLimits {
  /** Steps one run may take in all. */
  maxSteps: number;
  /** Passes through one node when the node sets no maxPasses. */
  maxPassesPerNode: number;
  /** Timeout of a step that does not wait for a caller or a peer (SQL, HTTP, SMS...). */
  stepTimeoutMs: number;
  /** Timeout of a step that waits (a bridge, a conference, a park). */
  waitingStepTimeoutMs: number;
  /** Nesting of sub-scenario calls. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  maxSteps: 10_000,
  maxPassesPerNode: 1_000,
  stepTimeoutMs: 60_000,
  waitingStepTimeoutMs: 4 * 60 * 60_000,
  maxDepth: 8,
};

/** Loads the scenario version a run is pinned to; the live version when none is given. */
export interface ScenarioSource {
  load(scenarioId: string, version?: number): Promise<{ document: ScenarioDocument; version: number }>;
}

/** Starts and callbacks that must survive a restart go through the jobs module. */
export type DurableStarts = Pick<ScenariosPort, 'startService' | 'scheduleCallback'>;

export interface EngineDependencies {
  catalog: Catalog;
  executor(type: string, typeVersion: number): Executor | undefined;
  scenarios: ScenarioSource;
  /** The ports that do not depend on the run: switch, data, messaging, payments, clock. */
  ports: Omit<Ports, 'call' | 'scenarios' | 'trace'>;
  starts?: DurableStarts;
  /** Legs originated with attachToRun (dial) come back through telephony; the run claims them by call id. */
  legs?: { claim(callId: string): CallLeg | undefined };
  globals?: GlobalVariableStore;
  traces?: TraceSink;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
  limits?: Partial<EngineLimits>;
}

export interface RunRequest {
  scenarioId: string;
  /** Pinned version; the live one when absent. Ignored when `document` is given. */
  version?: number;
  /** Run this document as it is (a draft, in the designer's test call). */
  document?: ScenarioDocument;
  args?: Readonly<Record<string, unknown>>;
  call?: CallLeg;
  parentRunId?: string;
  depth?: number;
  runId?: string;
}

export type RunStatus = 'completed' | 'failed' | 'hangup' | 'aborted';

export interface RunResult {
  runId: string;
  scenarioId: string;
  version: number;
  status: RunStatus;
  reason?: string;
  /** The scenario's declared return values. */
  returns: Record<string, unknown>;
  steps: number;
  lastNodeId?: string;
  /** The last error routed or ending the run. */
  error?: ErrorInfo;
  /** The outcome the ending step recorded (`end`'s result), e.g. "confirmed". */
  result?: string;
  /** The call the run controlled last (a service scenario's dialed leg included). */
  callId?: string;
}

interface ActiveRun {
  controller: AbortController;
}

/**
 * Runs scenarios: one step loop per run, the executor picks an exit, the engine routes it. A plain
 * class with no framework, so tests and the CLI use it directly.
 */
export class ScenarioEngine {
  private readonly limits: EngineLimits;
  private readonly globals: GlobalVariableStore;
  private readonly traces: TraceSink;
  private readonly programs = new Map<string, ScenarioProgram>();
  private readonly active = new Map<string, ActiveRun>();
  readonly messages = new MessageBus();
  private shuttingDown = false;

  constructor(private readonly deps: EngineDependencies) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.globals = deps.globals ?? new InMemoryGlobals();
    this.traces = deps.traces ?? noTraces;
  }

  activeRuns(): number {
    return this.active.size;
  }

  /** Aborts every run; each ends with status `aborted`. */
  shutdown(): void {
    this.shuttingDown = true;
    for (const run of this.active.values()) run.controller.abort(new EngineShutdown());
  }

  async run(request: RunRequest): Promise<RunResult> {
    const runId = request.runId ?? randomUUID();
    let program: ScenarioProgram;
    try {
      program = await this.program(request);
    } catch (error) {
      return {
        runId,
        scenarioId: request.scenarioId,
        version: request.version ?? 0,
        status: 'failed',
        reason: (error as Error).message,
        returns: {},
        steps: 0,
      };
    }
    if (this.shuttingDown) {
      return {
        runId,
        scenarioId: program.id,
        version: program.version,
        status: 'aborted',
        reason: 'shutdown',
        returns: {},
        steps: 0,
      };
    }
    const controller = new AbortController();
    this.active.set(runId, { controller });
    this.traces.runStarted?.({
      runId,
      scenarioId: program.id,
      version: program.version,
      status: 'running',
      ...(request.parentRunId ? { parentRunId: request.parentRunId } : {}),
      ...(request.call ? { callId: request.call.port.id } : {}),
    });
    try {
      const result = await new RunLoop(this, program, request, runId, controller.signal).execute();
      this.traces.runEnded?.({
        runId,
        scenarioId: program.id,
        version: program.version,
        status: result.status,
        steps: result.steps,
        ...(result.reason ? { reason: result.reason } : {}),
      });
      return result;
    } finally {
      this.active.delete(runId);
    }
  }

  private async program(request: RunRequest): Promise<ScenarioProgram> {
    if (request.document) return new ScenarioProgram(request.document, request.version ?? 0, this.deps.catalog);
    let loaded;
    try {
      loaded = await this.deps.scenarios.load(request.scenarioId, request.version);
    } catch (error) {
      throw new ScenarioUnavailable(`scenario ${request.scenarioId} cannot be loaded: ${(error as Error).message}`);
    }
    const key = `${request.scenarioId}@${loaded.version}`;
    let program = this.programs.get(key);
    if (!program) {
      program = new ScenarioProgram(loaded.document, loaded.version, this.deps.catalog);
      this.programs.set(key, program);
    }
    return program;
  }

  /** @internal used by RunLoop */
  get internals() {
    return { deps: this.deps, limits: this.limits, globals: this.globals, traces: this.traces };
  }
}

/**
 * A step's abort signal, made only when the executor reads it: most flow steps never do, and an
 * AbortController with its listeners cost more than such a step itself. It fires with the first of
 * shutdown, the caller's hangup and the step's timeout. A step that never read it is checked
 * against the same sources when it ends (settle), so its outcome is what it was with an eager signal.
 */
class StepAbort {
  private controller: AbortController | undefined;
  private fired: { reason: unknown } | undefined;
  private listening = false;
  private readonly onShutdown = () => this.abort(this.shutdown.reason);
  private readonly onHangup = () => this.abort(this.hangupReason());

  constructor(
    private readonly shutdown: AbortSignal,
    private readonly hangup: AbortSignal | undefined,
    private readonly hangupReason: () => unknown,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      this.settle();
      if (this.fired) this.controller.abort(this.fired.reason);
      else {
        this.listening = true;
        this.shutdown.addEventListener('abort', this.onShutdown, { once: true });
        this.hangup?.addEventListener('abort', this.onHangup, { once: true });
      }
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.fired) return;
    this.fired = { reason };
    this.controller?.abort(reason);
  }

  /** Whether the step was aborted, and why; also notices a shutdown or hangup nobody listened for. */
  settle(): { reason: unknown } | undefined {
    if (!this.fired && !this.listening) {
      if (this.shutdown.aborted) this.abort(this.shutdown.reason);
      else if (this.hangup?.aborted) this.abort(this.hangupReason());
    }
    return this.fired;
  }

  dispose(): void {
    if (!this.listening) return;
    this.listening = false;
    this.shutdown.removeEventListener('abort', this.onShutdown);
    this.hangup?.removeEventListener('abort', this.onHangup);
  }
}

let lastIsoMs = NaN;
let lastIso = '';
/** `new Date(ms).toISOString()`, reused while the millisecond is the same (steps come many per ms). */
function isoTime(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}

type StepOutcome =
  | { kind: 'exit'; result: ExecutionResult }
  | { kind: 'error'; error: ErrorInfo }
  | { kind: 'hangup' }
  | { kind: 'shutdown' };

type SharedContext = Pick<ExecutionContext, 'scenario' | 'variables' | 'evaluate' | 'renderTemplate'>;

/**
 * What an executor gets for one step. A class rather than an object literal: `signal` is a getter
 * (the step's AbortController is made on first read), and a literal with a getter is built on V8's
 * slow path, which cost more than a flow step itself.
 */
class StepContext implements ExecutionContext {
  readonly params: Record<string, unknown>;
  readonly nodeId: string;
  readonly scenario: ExecutionContext['scenario'];
  readonly variables: ExecutionContext['variables'];
  readonly evaluate: ExecutionContext['evaluate'];
  readonly renderTemplate: ExecutionContext['renderTemplate'];

  constructor(
    programNode: ProgramNode,
    shared: SharedContext,
    private readonly abort: StepAbort,
    readonly log: StepLogger,
    readonly ports: Ports,
  ) {
    this.params = programNode.params;
    this.nodeId = programNode.node.id;
    this.scenario = shared.scenario;
    this.variables = shared.variables;
    this.evaluate = shared.evaluate;
    this.renderTemplate = shared.renderTemplate;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
}

/** One run's step loop. */
class RunLoop {
  private readonly variables: RunVariables;
  private readonly passes = new Map<string, number>();
  private steps = 0;
  private hungUp = false;
  private handlingError = false;
  private lastError: ErrorInfo | undefined;
  private outcome: string | undefined;
  private call: CallLeg | undefined;
  private readonly ports: Ports;
  private stepPorts: Ports | undefined;
  /** Where `trace.note` goes during the running step (none in a sensitive step). */
  private stepNotes: StepTrace['notes'] | undefined;
  /** Variables the running step set, for its trace. */
  private stepChanged: Record<string, unknown> | undefined;
  private sharedContext: SharedContext | undefined;
  /** The `run` system value: the same for the whole run. */
  private runInfo: SystemValues['run'];
  private readonly internals: ScenarioEngine['internals'];
  private readonly log: StepLogger;

  constructor(
    private readonly engine: ScenarioEngine,
    private readonly program: ScenarioProgram,
    private readonly request: RunRequest,
    private readonly runId: string,
    private readonly shutdown: AbortSignal,
  ) {
    this.internals = engine.internals;
    const { deps, globals } = this.internals;
    this.call = request.call;
    this.variables = new RunVariables(program, request.call?.variables ?? new Map(), globals, request.args ?? {});
    this.ports = {
      ...deps.ports,
      switch: this.switchPort(deps),
      ...(this.call ? { call: this.call.port } : {}),
      scenarios: this.scenariosPort(),
      trace: { note: () => undefined },
    };
    const emit = deps.log ?? (() => undefined);
    const fields = { runId, scenarioId: program.id };
    this.log = {
      debug: (m, f) => emit('debug', m, { ...fields, ...f }),
      info: (m, f) => emit('info', m, { ...fields, ...f }),
      warn: (m, f) => emit('warn', m, { ...fields, ...f }),
      error: (m, f) => emit('error', m, { ...fields, ...f }),
    };
  }

  async execute(): Promise<RunResult> {
    const { limits } = this.internals;
    let nodeId: string | undefined = this.program.document.start;
    let lastNodeId: string | undefined;
    while (nodeId !== undefined) {
      if (this.shutdown.aborted) return this.finish('aborted', lastNodeId, 'shutdown');
      if (!this.hungUp && this.call?.hangup.aborted) {
        const next = this.enterHangup();
        if (next === undefined) return this.finish('hangup', lastNodeId);
        nodeId = next;
        continue;
      }
      const programNode = this.program.nodes.get(nodeId);
      if (!programNode) return this.finish('failed', lastNodeId, `node "${nodeId}" does not exist`);
      lastNodeId = nodeId;

      this.steps += 1;
      if (this.steps > limits.maxSteps)
        return this.finish('failed', nodeId, `step limit of ${limits.maxSteps} reached`);
      const passes = (this.passes.get(nodeId) ?? 0) + 1;
      this.passes.set(nodeId, passes);
      const maxPasses = programNode.node.maxPasses ?? limits.maxPassesPerNode;
      let outcome: StepOutcome;
      if (passes > maxPasses) {
        outcome = {
          kind: 'error',
          error: { code: 'pass-limit', message: `passed "${nodeId}" more than ${maxPasses} times`, nodeId },
        };
      } else {
        outcome = await this.step(programNode);
      }

      if (outcome.kind === 'shutdown') return this.finish('aborted', nodeId, 'shutdown');
      if (outcome.kind === 'hangup') {
        const next = this.enterHangup();
        if (next === undefined) return this.finish('hangup', nodeId);
        nodeId = next;
        continue;
      }
      if (outcome.kind === 'error') {
        // A failed step takes its own wired `error` exit first (a limit is not the step's failure).
        const wiredError: string | undefined =
          outcome.error.code === 'pass-limit' ? undefined : programNode.node.exits.error;
        if (wiredError !== undefined) {
          this.lastError = outcome.error;
          nodeId = wiredError;
          continue;
        }
        const next = this.routeError(outcome.error);
        if (next === undefined) return this.finish(this.hungUp ? 'hangup' : 'failed', nodeId, outcome.error.message);
        nodeId = next;
        continue;
      }
      const exit: string = outcome.result.exit;
      if (outcome.result.result !== undefined) this.outcome = outcome.result.result;
      if (outcome.result.error) this.lastError = { ...outcome.result.error, nodeId };
      const target: string | undefined = programNode.definition?.terminal ? undefined : programNode.node.exits[exit];
      if (target !== undefined) {
        nodeId = target;
        continue;
      }
      if (!programNode.definition?.terminal && programNode.errorExits.has(exit)) {
        const next = this.routeError(
          this.lastError ?? { code: exit, message: `exit "${exit}" of "${nodeId}"`, nodeId },
        );
        if (next === undefined) {
          return this.finish(this.hungUp ? 'hangup' : 'failed', nodeId, `unhandled exit "${exit}" of "${nodeId}"`);
        }
        nodeId = next;
        continue;
      }
      // The end of the flow (an ending step, or an optional exit left unwired). When the caller hung up
      // meanwhile (a bridge that ended with the conversation, say), the hangup handler still runs.
      const handler = this.hangupHandlerAtEnd();
      if (handler !== undefined) {
        nodeId = handler;
        continue;
      }
      return this.finish(this.hungUp ? 'hangup' : 'completed', nodeId);
    }
    return this.finish(this.hungUp ? 'hangup' : 'completed', lastNodeId);
  }

  private hangupHandlerAtEnd(): string | undefined {
    if (this.hungUp || !this.call?.hangup.aborted || this.program.document.onHangup === undefined) return undefined;
    return this.enterHangup();
  }

  private enterHangup(): string | undefined {
    this.hungUp = true;
    // The call is gone: executors in the hangup handler must not reach for it.
    delete this.ports.call;
    this.stepPorts = undefined;
    return this.program.document.onHangup;
  }

  private routeError(error: ErrorInfo): string | undefined {
    this.lastError = error;
    this.log.warn('step error', { nodeId: error.nodeId, code: error.code, error: error.message });
    if (this.handlingError) return undefined;
    const handler = this.program.document.onError;
    if (handler === undefined || this.hungUp) return undefined;
    this.handlingError = true;
    return handler;
  }

  private async step(programNode: ProgramNode): Promise<StepOutcome> {
    const { node, definition } = programNode;
    const { deps, limits, traces } = this.internals;
    const startedAt = Date.now();
    const changed: Record<string, unknown> = {};
    const notes: StepTrace['notes'] = [];
    const sensitive = definition?.sensitive === true;

    let outcome: StepOutcome;
    const executor = definition ? deps.executor(definition.type, definition.typeVersion) : undefined;
    if (!definition) {
      outcome = {
        kind: 'error',
        error: {
          code: 'unknown-component',
          message: `unknown component ${node.type}@${node.typeVersion}`,
          nodeId: node.id,
        },
      };
    } else if (programNode.paramsError) {
      outcome = { kind: 'error', error: { code: 'params-invalid', message: programNode.paramsError, nodeId: node.id } };
    } else if (!executor) {
      outcome = {
        kind: 'error',
        error: { code: 'not-implemented', message: `${node.type} has no executor yet`, nodeId: node.id },
      };
    } else {
      // Flow steps that neither wait nor touch the outside get no timer: they finish in microseconds.
      const external =
        definition.waits === true || definition.category !== 'flow' || definition.precondition !== 'none';
      const timeoutMs = definition.waits ? limits.waitingStepTimeoutMs : limits.stepTimeoutMs;
      const hangupSignal = this.hungUp ? undefined : this.call?.hangup;
      const abort = new StepAbort(this.shutdown, hangupSignal, () => this.call?.hangup.reason ?? new HangupSignal());
      const timer = external ? setTimeout(() => abort.abort(new StepTimeout(timeoutMs)), timeoutMs) : undefined;
      try {
        this.stepNotes = sensitive ? undefined : notes;
        this.stepChanged = changed;
        const context = this.context(programNode, abort);
        const result = await executor(context);
        const aborted = abort.settle();
        if (aborted) outcome = this.abortOutcome(aborted.reason, node.id);
        else {
          for (const [name, value] of Object.entries(result.vars ?? {})) {
            this.variables.set(name, value);
            changed[name] = value;
          }
          outcome = { kind: 'exit', result };
        }
      } catch (error) {
        const aborted = abort.settle();
        outcome = aborted
          ? this.abortOutcome(aborted.reason, node.id)
          : {
              kind: 'error',
              error: { code: 'executor-error', message: (error as Error)?.message ?? String(error), nodeId: node.id },
            };
      } finally {
        this.stepNotes = undefined;
        this.stepChanged = undefined;
        if (timer) clearTimeout(timer);
        abort.dispose();
      }
    }

    if (outcome.kind === 'error') this.lastError = outcome.error;
    traces.step({
      runId: this.runId,
      scenarioId: this.program.id,
      version: this.program.version,
      seq: this.steps,
      nodeId: node.id,
      component: node.type,
      exit: outcome.kind === 'exit' ? outcome.result.exit : outcome.kind === 'error' ? 'error' : null,
      startedAt: isoTime(startedAt),
      durationMs: Date.now() - startedAt,
      changed: this.redact(changed, sensitive),
      notes,
      ...(outcome.kind === 'error' ? { error: { code: outcome.error.code, message: outcome.error.message } } : {}),
      ...(this.program.exported.size > 0 ? { exported: this.exportedValues() } : {}),
    });
    return outcome;
  }

  private exportedValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of this.program.exported) out[name] = this.variables.get(name);
    return out;
  }

  private abortOutcome(reason: unknown, nodeId: string): StepOutcome {
    if (reason instanceof HangupSignal) return { kind: 'hangup' };
    if (reason instanceof EngineShutdown) return { kind: 'shutdown' };
    if (reason instanceof StepTimeout)
      return { kind: 'error', error: { code: 'timeout', message: reason.message, nodeId } };
    return { kind: 'error', error: { code: 'aborted', message: String((reason as Error)?.message ?? reason), nodeId } };
  }

  private redact(changed: Record<string, unknown>, sensitiveStep: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(changed)) {
      out[name] = sensitiveStep || this.program.sensitive.has(name) ? REDACTED : value;
    }
    return out;
  }

  private system(): SystemValues {
    const info = this.call?.info();
    this.runInfo ??= {
      id: this.runId,
      scenarioId: this.program.id,
      version: this.program.version,
      kind: this.program.document.kind,
    };
    return {
      ...(info ? { call: { ...info, answered: this.call?.port.isAnswered() ?? false } } : {}),
      run: this.runInfo,
      ...(this.lastError ? { error: this.lastError } : {}),
    };
  }

  private context(programNode: ProgramNode, abort: StepAbort): ExecutionContext {
    const shared = (this.sharedContext ??= this.createSharedContext());
    return new StepContext(programNode, shared, abort, this.log, this.portsForSteps());
  }

  /** The parts of a step's context that are the same for every step of the run, made once. */
  private createSharedContext(): SharedContext {
    const { expressions } = this.program;
    const variables = this.variables;
    return {
      scenario: {
        id: this.program.id,
        version: this.program.version,
        kind: this.program.document.kind,
        runId: this.runId,
        ...(this.request.parentRunId ? { parentRunId: this.request.parentRunId } : {}),
      },
      variables: {
        get: (name) => variables.get(name),
        set: (name, value) => {
          variables.set(name, value);
          if (this.stepChanged) this.stepChanged[name] = value;
        },
      },
      evaluate: (source) => expressions.evaluate(source, variables.snapshot(), this.system()),
      renderTemplate: (text) => expressions.render(text, variables.snapshot(), this.system()),
    };
  }

  /**
   * The ports as executors see them, built once and rebuilt only when the run's ports change (a
   * dial's answered leg, a hangup); `trace.note` writes into the running step's notes.
   */
  private portsForSteps(): Ports {
    this.stepPorts ??= {
      ...this.ports,
      trace: {
        note: (message, data) => this.stepNotes?.push({ message, ...(data ? { data: { ...data } } : {}) }),
      },
    };
    return this.stepPorts;
  }

  /**
   * The switch as this run sees it: a dial's answered leg (attachToRun) becomes the run's call,
   * so the steps after it play to the person who answered.
   */
  private switchPort(deps: EngineDependencies): SwitchPort {
    const target = deps.ports.switch as SwitchPort | undefined;
    // Tests and the CLI may run without a switch: the run then has none either.
    if (!target) return target as unknown as SwitchPort;
    const originate: SwitchPort['originate'] = async (request) => {
      const result = await target.originate(request);
      if (result.outcome === 'answered' && request.attachToRun) {
        const leg = deps.legs?.claim(result.callId);
        if (!leg) throw new Error(`the answered call ${result.callId} did not come back to this runtime`);
        this.call = leg;
        this.ports.call = leg.port;
        this.stepPorts = undefined;
      }
      return result;
    };
    // A proxy rather than a spread: the port may be a class instance whose methods live on its prototype.
    return new Proxy(target, {
      get: (object, key) => {
        if (key === 'originate') return originate;
        const value = Reflect.get(object, key, object) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  }

  private scenariosPort(): ScenariosPort {
    const engine = this.engine;
    const { deps, limits } = engine.internals;
    const depth = this.request.depth ?? 0;
    return {
      call: async (request) => {
        if (depth + 1 > limits.maxDepth) throw new Error(`sub-scenarios nested deeper than ${limits.maxDepth}`);
        const result = await engine.run({
          scenarioId: request.scenario,
          args: request.args,
          parentRunId: this.runId,
          depth: depth + 1,
          ...(this.call && !this.hungUp ? { call: this.call } : {}),
        });
        if (result.status === 'hangup' && this.call?.hangup.aborted) throw this.call.hangup.reason;
        if (result.status !== 'completed') {
          throw new Error(
            `sub-scenario ${request.scenario} ${result.status}${result.reason ? `: ${result.reason}` : ''}`,
          );
        }
        return { returns: result.returns };
      },
      startService: async (request) => {
        if (deps.starts) return deps.starts.startService(request);
        // Without a jobs module (tests, CLI), start it on this node right away.
        const runId = randomUUID();
        setTimeout(
          () => void engine.run({ scenarioId: request.scenario, args: request.args, runId, parentRunId: this.runId }),
          request.delayMs,
        );
        return { runId };
      },
      scheduleCallback: async (request) => {
        if (!deps.starts) throw new Error('callbacks need the jobs module');
        return deps.starts.scheduleCallback(request);
      },
      send: async (message) => engine.messages.send(message),
      wait: (channel, timeoutMs, options) => engine.messages.wait(channel, timeoutMs, options.signal),
    };
  }

  private finish(status: RunStatus, lastNodeId: string | undefined, reason?: string): RunResult {
    const returns: Record<string, unknown> = {};
    for (const name of this.program.document.returns) returns[name] = this.variables.get(name);
    return {
      runId: this.runId,
      scenarioId: this.program.id,
      version: this.program.version,
      status,
      ...(reason ? { reason } : {}),
      returns,
      steps: this.steps,
      ...(lastNodeId ? { lastNodeId } : {}),
      ...(this.lastError ? { error: this.lastError } : {}),
      ...(this.outcome !== undefined ? { result: this.outcome } : {}),
      ...(this.call ? { callId: this.call.port.id } : {}),
    };
  }
}
