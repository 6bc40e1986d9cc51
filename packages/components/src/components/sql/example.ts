import type { z } from 'zod';
import type { sqlParams } from './definition.js';

export const example: z.input<typeof sqlParams> = {
  connection: 'shop',
  query: 'SELECT status FROM orders WHERE id = @orderId',
  map: { status: 'status' },
};
