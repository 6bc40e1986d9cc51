import type { z } from 'zod';
import type { messageSendParams } from './definition.js';

export const example: z.input<typeof messageSendParams> = {
  channel: 'callback-{{ employeeId }}',
  payload: { status: "'answered'" },
};
