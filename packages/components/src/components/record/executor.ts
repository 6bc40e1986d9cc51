import type { Executor } from '../../executor.js';
import { renderPrompt, requireCall } from '../../shared/call-helpers.js';
import type { RecordParams } from './definition.js';

/** Records a message from the caller; silence only is `noinput`. */
export const recordExecutor: Executor<RecordParams> = async (context) => {
  const { params, signal } = context;
  const result = await requireCall(context).record({
    ...(params.prompt ? { prompt: renderPrompt(context, params.prompt) } : {}),
    beep: params.beep,
    maxLengthMs: params.maxLength * 1000,
    silenceTimeoutMs: params.silenceTimeout * 1000,
    terminators: params.terminators,
    format: params.format,
    signal,
  });
  if (result.outcome === 'silence') return { exit: 'noinput' };
  context.ports.trace.note('recorded', { file: result.file, durationMs: result.durationMs });
  return { exit: 'ok', ...(params.into ? { vars: { [params.into]: result.file } } : {}) };
};
