import { describe, expect, it } from 'vitest';
import { scenarioDocumentSchema } from '@ivr/scenario-schema';
import { newScenarioDocument, SCENARIO_ID, slugify } from './newScenario';

describe('new scenario', () => {
  it('derives a valid id from a name', () => {
    expect(slugify('Order status')).toBe('order-status');
    expect(slugify('  Café #1 ')).toBe('cafe-1');
    expect(SCENARIO_ID.test(slugify('Order status'))).toBe(true);
  });
  it('is a schema-valid document', () => {
    expect(scenarioDocumentSchema.safeParse(newScenarioDocument('x', 'X', 'service')).success).toBe(true);
  });
});
