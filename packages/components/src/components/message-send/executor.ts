import type { Executor } from '../../executor.js';
import { evaluateMap } from '../../shared/evaluate-map.js';
import type { MessageSendParams } from './definition.js';

export const messageSendExecutor: Executor<MessageSendParams> = async (context) => {
  const { params, ports } = context;
  await ports.scenarios.send({
    channel: context.renderTemplate(params.channel),
    payload: evaluateMap(context, params.payload),
  });
  return { exit: 'ok' };
};
