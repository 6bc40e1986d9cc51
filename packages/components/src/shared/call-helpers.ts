import type { ExecutionContext } from '../executor.js';
import type { CallPort } from '../ports/call.js';
import type { Prompt } from './prompt.js';
import type { DialTarget } from './telephony.js';

/** The run's call leg; the validator's preconditions make its absence a bug, reported clearly. */
export function requireCall(context: ExecutionContext): CallPort {
  const call = context.ports.call;
  if (!call) throw new Error(`${context.nodeId} needs a call, and this run has none`);
  return call;
}

/** A prompt with every template part rendered: what the switch plays. */
export function renderPrompt(context: ExecutionContext, prompt: Prompt): Prompt {
  return {
    ...(prompt.file !== undefined ? { file: context.renderTemplate(prompt.file) } : {}),
    ...(prompt.tts !== undefined ? { tts: context.renderTemplate(prompt.tts) } : {}),
    ...(prompt.say !== undefined ? { say: { ...prompt.say, value: context.renderTemplate(prompt.say.value) } } : {}),
    ...(prompt.tone !== undefined ? { tone: prompt.tone } : {}),
  };
}

export function renderTarget(context: ExecutionContext, target: DialTarget): DialTarget {
  return { ...target, value: context.renderTemplate(target.value) };
}

export function renderHeaders(
  context: ExecutionContext,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = context.renderTemplate(value);
  return out;
}

export function renderCallerId(
  context: ExecutionContext,
  callerId: { number?: string; name?: string } | undefined,
): { number?: string; name?: string } | undefined {
  if (!callerId) return undefined;
  return {
    ...(callerId.number !== undefined ? { number: context.renderTemplate(callerId.number) } : {}),
    ...(callerId.name !== undefined ? { name: context.renderTemplate(callerId.name) } : {}),
  };
}
