import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.js';

describe('docs/scenario.schema.json', () => {
  it('is the schema generated from the zod definitions (run `pnpm --filter @ivr/scenario-schema gen:schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/scenario.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
