import type { Executor } from '../../executor.js';
import type { SwitchParams } from './definition.js';

/** The first case whose condition is true wins; none: `other`. */
export const switchExecutor: Executor<SwitchParams> = async (context) => {
  for (const item of context.params.cases) {
    const value = context.evaluate(item.when);
    if (typeof value !== 'boolean')
      throw new Error(`case "${item.id}" gave ${JSON.stringify(value)}, not true or false`);
    if (value) return { exit: item.id };
  }
  return { exit: 'other' };
};
