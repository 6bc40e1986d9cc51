import type { z } from 'zod';
import type { switchParams } from './definition.js';

export const example: z.input<typeof switchParams> = {
  cases: [
    { id: 'vip', label: 'VIP', when: "status == 'vip'" },
    { id: 'debtor', when: 'debt > 0.0' },
  ],
};
