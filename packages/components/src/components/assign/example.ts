import type { z } from 'zod';
import type { assignParams } from './definition.js';

export const example: z.input<typeof assignParams> = {
  assignments: [{ variable: 'attempts', value: 'attempts + 1' }],
};
