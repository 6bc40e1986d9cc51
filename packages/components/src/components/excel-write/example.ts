import type { z } from 'zod';
import type { excelWriteParams } from './definition.js';

export const example: z.input<typeof excelWriteParams> = {
  file: 'campaign.xlsx',
  row: 'row',
  cells: { Result: 'listened to the end' },
};
