import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/registry.js';
import { dslReference } from '../scripts/dsl-reference.js';

describe('docs/dsl.md', () => {
  it('is the reference generated from the catalog (run `pnpm --filter @ivr/components gen:docs` when this fails)', async () => {
    const committed = readFileSync(new URL('../../../docs/dsl.md', import.meta.url), 'utf8');
    expect(committed).toBe(await dslReference());
  });

  it('documents every component with an example', async () => {
    const text = await dslReference();
    for (const definition of catalog.list())
      expect(text).toContain(`### ${definition.type} (v${definition.typeVersion})`);
    expect(text.match(/^Example:$/gm)?.length).toBe(catalog.list().length);
  });
});
