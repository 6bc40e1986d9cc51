import type { Executor } from '../../executor.js';
import { renderPrompt, requireCall } from '../../shared/call-helpers.js';
import { menuExitId, type MenuParams } from './definition.js';

/** Plays the menu and waits for one key; a key that is not an option, or none, is retried. */
export const menuExecutor: Executor<MenuParams> = async (context) => {
  const { params, signal } = context;
  const call = requireCall(context);
  const prompt = renderPrompt(context, params.prompt);
  const keys = new Set<string>(params.options.map((o) => o.key));
  let failure: 'noinput' | 'invalid' = 'noinput';
  for (let attempt = 0; attempt <= params.retries; attempt += 1) {
    if (attempt > 0) {
      const retryPrompt = failure === 'noinput' ? params.noinputPrompt : params.invalidPrompt;
      if (retryPrompt) await call.play(renderPrompt(context, retryPrompt), { signal });
    }
    const result = await call.collectDigits({
      prompt,
      minDigits: 1,
      maxDigits: 1,
      terminators: '',
      firstDigitTimeoutMs: params.timeout * 1000,
      interDigitTimeoutMs: params.timeout * 1000,
      bargeIn: true,
      signal,
    });
    const key = result.outcome === 'digits' ? result.digits : '';
    if (key === '') {
      failure = 'noinput';
      continue;
    }
    if (!keys.has(key)) {
      failure = 'invalid';
      continue;
    }
    return {
      exit: menuExitId(key as MenuParams['options'][number]['key']),
      ...(params.into ? { vars: { [params.into]: key } } : {}),
    };
  }
  return { exit: failure };
};
