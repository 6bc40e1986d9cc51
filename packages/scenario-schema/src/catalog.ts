import type { z } from 'zod';
import type { ScenarioKind } from './document.js';
import type { LocalizedText } from './i18n.js';

export const COMPONENT_CATEGORIES = ['flow', 'call', 'data', 'messaging', 'payments'] as const;
export type ComponentCategory = (typeof COMPONENT_CATEGORIES)[number];

/**
 * What a component needs before it may run:
 * none - nothing (service scenarios included);
 * call - a call leg exists (main and ivr scenarios, or after a dial answered in a service one);
 * answered - the call leg is answered (the engine answers on demand in main scenarios).
 */
export type Precondition = 'none' | 'call' | 'answered';

/** CEL result type an expression param must have. `dyn` accepts anything. */
export type ExpressionType = 'bool' | 'string' | 'int' | 'double' | 'number' | 'dyn';

export interface ExitDefinition {
  id: string;
  label: LocalizedText;
  /**
   * required: must be wired (an error when not);
   * error: may stay unwired, then the engine goes to the scenario's onError;
   * optional: may stay unwired, then the run ends there.
   */
  wiring: 'required' | 'error' | 'optional';
}

/**
 * A component as data: everything the validator and the designer need, nothing that runs.
 * Browser-safe: no Node-only imports.
 */
export interface ComponentDefinition<P = Record<string, unknown>> {
  type: string;
  typeVersion: number;
  category: ComponentCategory;
  /** Icon name for the designer (lucide icon names). */
  icon: string;
  title: LocalizedText;
  help: LocalizedText;
  /** Params with defaults and UI hints (zod `.meta({ ui: ... })`); turned into JSON Schema for forms. */
  params: z.ZodType<P>;
  /** Static exits, or exits derived from the params (menu digits, switch cases). */
  exits: readonly ExitDefinition[] | ((params: P) => readonly ExitDefinition[]);
  kinds: readonly ScenarioKind[];
  precondition: Precondition;
  /**
   * Param paths that hold CEL expressions, with the type each must have. Paths use dots, with `[]`
   * for every element of an array and `*` for every value of a record: `cases[].when`, `map.*`.
   * Other string params are templates: `{{ expr }}` inside them is checked too.
   */
  expressions?: Readonly<Record<string, ExpressionType>>;
  /** Param paths whose strings are taken literally, not as `{{ }}` templates (an SQL query binds @Name instead). */
  literals?: readonly string[];
  /** Param paths naming variables this component writes (they must be declared). */
  variableTargets?: readonly string[];
  /** Param paths naming a scenario id (sub-scenario, service start, callback). */
  scenarioRefs?: readonly string[];
  /** The step waits for something outside (a caller, a timer, a peer): a loop through it is not a busy loop. */
  waits?: boolean;
  /** Ends the run (end, hang up): no exits needed. */
  terminal?: boolean;
  /** Exits after which a call leg exists and is answered (dial's `answered`), for service scenarios. */
  establishesCall?: readonly string[];
  /** Handles card data: secure mode, nothing traced. */
  sensitive?: boolean;
  /** False until the component's executor exists; the validator warns where such a component is used. */
  implemented: boolean;
}

/** The set of components a validator or engine knows. */
export interface Catalog {
  get(type: string, typeVersion: number): ComponentDefinition | undefined;
  /** All versions known for a type, ascending (empty for an unknown type). */
  versions(type: string): number[];
  list(): readonly ComponentDefinition[];
}

/** Builds a Catalog over a list of definitions; duplicates (same type and version) are refused. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions are typed by their own params; the catalog only reads them
export function createCatalog(definitions: readonly ComponentDefinition<any>[]): Catalog {
  const byKey = new Map<string, ComponentDefinition>();
  const versionsByType = new Map<string, number[]>();
  for (const definition of definitions as unknown as ComponentDefinition[]) {
    const key = `${definition.type}@${definition.typeVersion}`;
    if (byKey.has(key)) throw new Error(`component ${key} is registered twice`);
    byKey.set(key, definition);
    const versions = versionsByType.get(definition.type) ?? [];
    versions.push(definition.typeVersion);
    versions.sort((a, b) => a - b);
    versionsByType.set(definition.type, versions);
  }
  const all = [...byKey.values()];
  return {
    get: (type, typeVersion) => byKey.get(`${type}@${typeVersion}`),
    versions: (type) => [...(versionsByType.get(type) ?? [])],
    list: () => all,
  };
}

/** The exits of a node given its (already defaulted) params. */
export function exitsOf<P>(definition: ComponentDefinition<P>, params: P): readonly ExitDefinition[] {
  return typeof definition.exits === 'function' ? definition.exits(params) : definition.exits;
}
