import type { z } from 'zod';
import type { excelReadParams } from './definition.js';

export const example: z.input<typeof excelReadParams> = {
  file: 'debtors.xlsx',
  match: { column: 'Phone', value: '{{ call.callerId }}' },
  map: { Debt: 'debt', Name: 'name' },
};
