import type { Executor } from '../../executor.js';
import { evaluateMap, mapIntoVariables } from '../../shared/evaluate-map.js';
import type { SubScenarioParams } from './definition.js';

/** Calls another scenario like a function; its return values go into variables by `map`. */
export const subScenarioExecutor: Executor<SubScenarioParams> = async (context) => {
  const { params, ports, signal } = context;
  const { returns } = await ports.scenarios.call({
    scenario: params.scenario,
    args: evaluateMap(context, params.args),
    signal,
  });
  return { exit: 'ok', vars: mapIntoVariables(returns, params.map) };
};
