import type { z } from 'zod';
import type { logParams } from './definition.js';

export const example: z.input<typeof logParams> = { message: 'Caller {{ call.callerId }} chose {{ choice }}' };
