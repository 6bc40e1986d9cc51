/**
 * Executors attach to the catalog from outside it, keyed `type@version`, so that definitions stay
 * data the designer can bundle while executors (which the runtime wires to Node adapters) never
 * reach the browser. The runtime builds one ExecutorRegistry at boot and checks it.
 */
import type { Catalog, ComponentDefinition } from '@ivr/scenario-schema';
import type { Executor } from './executor.js';
import { componentKey, type ComponentKey } from './registry.js';

/** An executor typed by its component's params, stored without that type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExecutor = Executor<any>;

export type ExecutorRegistry = ReadonlyMap<ComponentKey, AnyExecutor>;

/** Pairs an executor with its definition, so the params type is checked where it is written. */
export function executorEntry<P>(
  definition: ComponentDefinition<P>,
  executor: Executor<P>,
): [ComponentKey, AnyExecutor] {
  return [componentKey(definition.type, definition.typeVersion), executor];
}

export function createExecutorRegistry(entries: Iterable<[ComponentKey, AnyExecutor]>): ExecutorRegistry {
  const registry = new Map<ComponentKey, AnyExecutor>();
  for (const [key, executor] of entries) {
    if (registry.has(key)) throw new Error(`executor ${key} is registered twice`);
    registry.set(key, executor);
  }
  return registry;
}

/**
 * Disagreements between the catalog and the executors: an executor for an unknown component, a
 * component marked implemented without an executor, or an executor for one still marked not
 * implemented (the validator would warn for nothing). Empty when they agree.
 */
export function executorProblems(catalog: Catalog, executors: ExecutorRegistry): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  for (const definition of catalog.list()) {
    const key = componentKey(definition.type, definition.typeVersion);
    known.add(key);
    if (definition.implemented && !executors.has(key))
      problems.push(`${key} is marked implemented but has no executor`);
    if (!definition.implemented && executors.has(key))
      problems.push(`${key} has an executor but is marked not implemented`);
  }
  for (const key of executors.keys())
    if (!known.has(key)) problems.push(`executor ${key} has no component in the catalog`);
  return problems;
}
