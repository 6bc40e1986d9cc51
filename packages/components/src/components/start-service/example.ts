import type { z } from 'zod';
import type { startServiceParams } from './definition.js';

export const example: z.input<typeof startServiceParams> = {
  scenario: 'employee-callback',
  args: { number: 'call.callerId' },
};
