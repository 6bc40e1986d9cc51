import type { Executor } from '../../executor.js';
import { mapIntoVariables } from '../../shared/evaluate-map.js';
import type { MessageWaitParams } from './definition.js';

export const messageWaitExecutor: Executor<MessageWaitParams> = async (context) => {
  const { params, ports, signal } = context;
  const message = await ports.scenarios.wait(context.renderTemplate(params.channel), params.timeout * 1000, { signal });
  if (!message) return { exit: 'timeout' };
  return { exit: 'received', vars: mapIntoVariables(message.payload, params.map) };
};
