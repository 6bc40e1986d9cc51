import type { z } from 'zod';
import type { subScenarioParams } from './definition.js';

export const example: z.input<typeof subScenarioParams> = {
  scenario: 'order-status',
  args: { customerId: 'customerId' },
  map: { status: 'orderStatus' },
};
