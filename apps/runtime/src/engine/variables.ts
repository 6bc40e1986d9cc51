import type { ScenarioProgram } from './program.js';

/** Server-wide variables that outlive runs (scope `global`), persisted by the runtime. */
export interface GlobalVariableStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  /**
   * Sets a declared initial value only when the variable has none yet. A store shared by several
   * nodes implements it so that an initial value never overwrites another node's write.
   */
  setIfAbsent?(name: string, value: unknown): void;
}

/** A plain in-memory store: the default for tests and for one node without persistence. */
export class InMemoryGlobals implements GlobalVariableStore {
  private readonly values = new Map<string, unknown>();
  get(name: string): unknown {
    return this.values.get(name);
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
}

/** An undeclared variable was read or written. */
export class UndeclaredVariableError extends Error {
  constructor(readonly variable: string) {
    super(`"${variable}" is not a declared variable`);
    this.name = 'UndeclaredVariableError';
  }
}

/**
 * The variables one run sees, by declared scope: run (this run only), call (shared by every
 * scenario on the same call), global (server-wide).
 */
export class RunVariables {
  private readonly run = new Map<string, unknown>();

  constructor(
    private readonly program: ScenarioProgram,
    private readonly call: Map<string, unknown>,
    private readonly globals: GlobalVariableStore,
    args: Readonly<Record<string, unknown>>,
  ) {
    for (const param of program.document.params) {
      const value = args[param.name] ?? param.default;
      if (value !== undefined) this.run.set(param.name, value);
    }
    for (const variable of program.document.variables) {
      if (variable.initial === undefined) continue;
      if (variable.scope === 'run') this.run.set(variable.name, structuredClone(variable.initial));
      // Call and global values are shared: an initial value only fills one that is not set yet.
      else if (variable.scope === 'call' && !this.call.has(variable.name))
        this.call.set(variable.name, variable.initial);
      else if (variable.scope === 'global' && this.globals.get(variable.name) === undefined) {
        if (this.globals.setIfAbsent) this.globals.setIfAbsent(variable.name, variable.initial);
        else this.globals.set(variable.name, variable.initial);
      }
    }
  }

  has(name: string): boolean {
    return this.program.declarations.has(name);
  }

  get(name: string): unknown {
    const declaration = this.program.declarations.get(name);
    if (!declaration) throw new UndeclaredVariableError(name);
    if (declaration.scope === 'call') return this.call.get(name);
    if (declaration.scope === 'global') return this.globals.get(name);
    return this.run.get(name);
  }

  set(name: string, value: unknown): void {
    const declaration = this.program.declarations.get(name);
    if (!declaration) throw new UndeclaredVariableError(name);
    if (declaration.scope === 'call') this.call.set(name, value);
    else if (declaration.scope === 'global') this.globals.set(name, value);
    else this.run.set(name, value);
  }

  /** Every declared value by name, for expression evaluation. */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of this.program.declarations.keys()) out[name] = this.get(name);
    return out;
  }
}
