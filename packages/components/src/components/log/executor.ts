import type { Executor } from '../../executor.js';
import type { LogParams } from './definition.js';

export const logExecutor: Executor<LogParams> = async (context) => {
  const message = context.renderTemplate(context.params.message);
  context.log[context.params.level](message, { nodeId: context.nodeId });
  context.ports.trace.note(message);
  return { exit: 'ok' };
};
