import { describe, expect, it } from 'vitest';
import { promptSchema } from './prompt.js';

describe('the prompt shape', () => {
  it('accepts any combination of file, tts, say and tone', () => {
    expect(promptSchema.safeParse({ file: 'welcome' }).success).toBe(true);
    expect(
      promptSchema.safeParse({ tts: 'Your debt is', say: { type: 'money', value: '{{ debt }}', currency: 'RUB' } })
        .success,
    ).toBe(true);
    expect(promptSchema.safeParse({ tone: '%(500,0,800)' }).success).toBe(true);
  });

  it('refuses an empty prompt, unknown fields and unknown say types', () => {
    expect(promptSchema.safeParse({}).success).toBe(false);
    expect(promptSchema.safeParse({ text: 'hello' }).success).toBe(false);
    expect(promptSchema.safeParse({ say: { type: 'roman', value: '4' } }).success).toBe(false);
    expect(promptSchema.safeParse({ say: { type: 'money', value: '1', currency: 'rub' } }).success).toBe(false);
  });
});
