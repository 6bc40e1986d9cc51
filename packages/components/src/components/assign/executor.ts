import type { Executor } from '../../executor.js';
import { runAssignments } from '../../shared/evaluate-map.js';
import type { AssignParams } from './definition.js';

export const assignExecutor: Executor<AssignParams> = async (context) => {
  runAssignments(context, context.params.assignments);
  return { exit: 'ok' };
};
