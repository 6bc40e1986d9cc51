import type { z } from 'zod';
import type { paymentParams } from './definition.js';

export const example: z.input<typeof paymentParams> = {
  connection: 'sandbox',
  orderSource: 'sip-headers',
  map: { status: 'paymentStatus', last4: 'cardLast4' },
};
