import type { Executor } from '../../executor.js';
import { requireCall } from '../../shared/call-helpers.js';
import type { AnswerParams } from './definition.js';

export const answerExecutor: Executor<AnswerParams> = async (context) => {
  const call = requireCall(context);
  if (!call.isAnswered()) await call.answer();
  return { exit: 'ok' };
};
