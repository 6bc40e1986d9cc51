import type { Executor } from '../../executor.js';
import { renderPrompt, requireCall } from '../../shared/call-helpers.js';
import type { InputParams } from './definition.js';

/**
 * Collects digits with retries. Each failed attempt plays its own prompt (no input / invalid)
 * before the main prompt is played again; after the last attempt the failure is the exit.
 */
export const inputExecutor: Executor<InputParams> = async (context) => {
  const { params, signal } = context;
  const call = requireCall(context);
  const prompt = params.prompt ? renderPrompt(context, params.prompt) : undefined;
  const pattern = params.pattern ? new RegExp(params.pattern) : undefined;
  let failure: 'noinput' | 'invalid' = 'noinput';
  for (let attempt = 0; attempt <= params.retries; attempt += 1) {
    if (attempt > 0) {
      const retryPrompt = failure === 'noinput' ? params.noinputPrompt : params.invalidPrompt;
      if (retryPrompt) await call.play(renderPrompt(context, retryPrompt), { signal });
    }
    const result = await call.collectDigits({
      ...(prompt ? { prompt } : {}),
      minDigits: params.minDigits,
      maxDigits: params.maxDigits,
      terminators: params.terminators,
      firstDigitTimeoutMs: params.timeout * 1000,
      interDigitTimeoutMs: params.interDigitTimeout * 1000,
      bargeIn: params.bargeIn,
      signal,
    });
    if (result.outcome === 'secure-digits') throw new Error('input asked for digits and got a secure buffer');
    const digits = result.outcome === 'digits' ? result.digits : '';
    if (digits === '') {
      failure = 'noinput';
      continue;
    }
    if (digits.length < params.minDigits || (pattern && !pattern.test(digits))) {
      failure = 'invalid';
      continue;
    }
    return { exit: 'ok', vars: { [params.into]: digits } };
  }
  return { exit: failure };
};
