import type { z } from 'zod';
import type { messageWaitParams } from './definition.js';

export const example: z.input<typeof messageWaitParams> = { channel: 'callback-{{ employeeId }}' };
