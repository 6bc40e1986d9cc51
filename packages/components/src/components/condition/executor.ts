import type { Executor } from '../../executor.js';
import type { ConditionParams } from './definition.js';

export const conditionExecutor: Executor<ConditionParams> = async (context) => {
  const value = context.evaluate(context.params.when);
  if (typeof value !== 'boolean') throw new Error(`the condition gave ${JSON.stringify(value)}, not true or false`);
  return { exit: value ? 'true' : 'false' };
};
