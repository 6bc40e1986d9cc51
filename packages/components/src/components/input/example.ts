import type { z } from 'zod';
import type { inputParams } from './definition.js';

export const example: z.input<typeof inputParams> = {
  prompt: { tts: 'Enter your order number, then hash.' },
  maxDigits: 10,
  terminators: '#',
  into: 'orderId',
  retries: 2,
};
