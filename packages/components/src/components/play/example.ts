import type { z } from 'zod';
import type { playParams } from './definition.js';

export const example: z.input<typeof playParams> = {
  prompt: { tts: 'Your debt is', say: { type: 'money', value: '{{ debt }}', currency: 'RUB' } },
};
