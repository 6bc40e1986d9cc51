import type { z } from 'zod';
import type { transferParams } from './definition.js';

export const example: z.input<typeof transferParams> = { destination: '710' };
