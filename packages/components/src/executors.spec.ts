import { describe, expect, it } from 'vitest';
import { createCatalog } from '@ivr/scenario-schema';
import { catalog } from './registry.js';
import { createExecutorRegistry, executorEntry, executorProblems } from './executors.js';
import { pauseDefinition } from './components/pause/definition.js';
import type { Executor } from './executor.js';
import { executors } from './executors/index.js';
import type { PauseParams } from './components/pause/definition.js';

const pause: Executor<PauseParams> = async ({ params, ports, signal }) => {
  await ports.clock.sleep(params.duration * 1000, { signal });
  return { exit: 'ok' };
};

describe('the executor registry', () => {
  it('agrees with the catalog: every implemented component has its executor and no other has one', () => {
    expect(executorProblems(catalog, executors)).toEqual([]);
  });

  it('reports an executor for a component still marked not implemented, and the reverse', () => {
    const registry = createExecutorRegistry([executorEntry(pauseDefinition, pause)]);
    const notImplemented = createCatalog([{ ...pauseDefinition, implemented: false }]);
    expect(executorProblems(notImplemented, registry)).toEqual([
      'pause@1 has an executor but is marked not implemented',
    ]);

    const implemented = { ...pauseDefinition, implemented: true };
    const withImplemented = createCatalog([implemented]);
    expect(executorProblems(withImplemented, createExecutorRegistry([]))).toEqual([
      'pause@1 is marked implemented but has no executor',
    ]);
    expect(executorProblems(withImplemented, registry)).toEqual([]);
  });

  it('reports executors of unknown components and refuses duplicates', () => {
    const stray = createExecutorRegistry([['teleport@1', pause]]);
    expect(executorProblems(createCatalog([{ ...pauseDefinition, implemented: false }]), stray)).toEqual([
      'executor teleport@1 has no component in the catalog',
    ]);
    expect(() =>
      createExecutorRegistry([executorEntry(pauseDefinition, pause), executorEntry(pauseDefinition, pause)]),
    ).toThrow(/twice/);
  });
});
