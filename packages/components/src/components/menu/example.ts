import type { z } from 'zod';
import type { menuParams } from './definition.js';

export const example: z.input<typeof menuParams> = {
  prompt: { file: 'main-menu' },
  options: [{ key: '1', label: 'Confirm' }, { key: '2', label: 'Cancel' }, { key: '*' }],
};
