import type { z } from 'zod';
import type { sendDtmfParams } from './definition.js';

export const example: z.input<typeof sendDtmfParams> = { digits: '{{ extension }}#' };
