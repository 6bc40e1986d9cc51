import type { z } from 'zod';
import type { recordParams } from './definition.js';

export const example: z.input<typeof recordParams> = { into: 'voicemail' };
