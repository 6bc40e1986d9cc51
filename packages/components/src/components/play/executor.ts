import type { Executor } from '../../executor.js';
import { renderPrompt, requireCall } from '../../shared/call-helpers.js';
import type { PlayParams } from './definition.js';

/** Plays the prompt `repeat` times; with barge-in a key stops it and is kept for the next node. */
export const playExecutor: Executor<PlayParams> = async (context) => {
  const { params, signal } = context;
  const call = requireCall(context);
  const prompt = renderPrompt(context, params.prompt);
  for (let i = 0; i < params.repeat; i += 1) {
    const result = await call.play(prompt, { signal, ...(params.bargeIn ? { bargeInKeys: params.bargeInKeys } : {}) });
    if (result.interruptedBy !== undefined) {
      return { exit: 'ok', ...(params.into ? { vars: { [params.into]: result.interruptedBy } } : {}) };
    }
  }
  return { exit: 'ok' };
};
