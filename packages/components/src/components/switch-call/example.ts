import type { z } from 'zod';
import type { switchCallParams } from './definition.js';

export const example: z.input<typeof switchCallParams> = {
  targets: [
    { type: 'extension', value: '{{ agentExtension }}' },
    { type: 'group', value: 'support' },
  ],
  ringTimeout: 15,
  headers: { 'X-Customer-Id': '{{ customerId }}' },
};
