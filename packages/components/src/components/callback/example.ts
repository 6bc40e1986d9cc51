import type { z } from 'zod';
import type { callbackParams } from './definition.js';

export const example: z.input<typeof callbackParams> = {
  target: { value: '{{ call.callerId }}' },
  scenario: 'missed-call-greeting',
  window: { timeZone: 'Europe/Moscow', from: '09:00', to: '21:00' },
};
