import type { z } from 'zod';
import type { dialParams } from './definition.js';

export const example: z.input<typeof dialParams> = { target: { type: 'number', value: '{{ phone }}' } };
