import type { z } from 'zod';
import type { smsParams } from './definition.js';

export const example: z.input<typeof smsParams> = {
  connection: 'smpp-main',
  to: '{{ call.callerId }}',
  text: 'Thank you for calling us!',
};
