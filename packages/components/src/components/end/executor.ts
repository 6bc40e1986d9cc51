import type { Executor } from '../../executor.js';
import { runAssignments } from '../../shared/evaluate-map.js';
import type { EndParams } from './definition.js';

/** Ends the run: sets the last values, records the outcome, and hangs up when asked to. */
export const endExecutor: Executor<EndParams> = async (context) => {
  const { params, ports } = context;
  runAssignments(context, params.assignments);
  const result = params.result !== undefined ? context.renderTemplate(params.result) : undefined;
  if (params.action === 'hangup' && ports.call) await ports.call.hangup(params.cause);
  return { exit: params.action, ...(result !== undefined ? { result } : {}) };
};
