import type { z } from 'zod';
import type { pickupParams } from './definition.js';

export const example: z.input<typeof pickupParams> = { slot: '{{ call.dialedNumber }}' };
