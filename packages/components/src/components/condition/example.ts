import type { z } from 'zod';
import type { conditionParams } from './definition.js';

/** The smallest valid params (the condition has no sensible default). */
export const example: z.input<typeof conditionParams> = { when: 'callCount == 0' };
