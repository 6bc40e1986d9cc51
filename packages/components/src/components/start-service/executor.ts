import type { Executor } from '../../executor.js';
import { evaluateMap } from '../../shared/evaluate-map.js';
import type { StartServiceParams } from './definition.js';

/** Queues a service scenario run (durably, through the jobs module) and goes on at once. */
export const startServiceExecutor: Executor<StartServiceParams> = async (context) => {
  const { params, ports } = context;
  const { runId } = await ports.scenarios.startService({
    scenario: params.scenario,
    args: evaluateMap(context, params.args),
    delayMs: params.delay * 1000,
  });
  return { exit: 'ok', ...(params.into ? { vars: { [params.into]: runId } } : {}) };
};
