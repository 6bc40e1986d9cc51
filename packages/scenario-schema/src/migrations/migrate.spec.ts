import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../testing/test-catalog.js';
import { validate } from '../validate/validate.js';
import { migrate } from './migrate.js';

const v0 = JSON.parse(readFileSync(new URL('./__fixtures__/order-status.v0.json', import.meta.url), 'utf8'));

describe('migrate', () => {
  it('brings a format 0 document to format 1 with layout kept apart', () => {
    const result = migrate(v0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.from).toBe('ivr-scenario/0');
    expect(result.applied).toEqual(['ivr-scenario/0 -> ivr-scenario/1']);
    expect(result.document).toMatchObject({
      format: 'ivr-scenario/1',
      variables: [{ name: 'orderId', type: 'string', scope: 'run' }],
      nodes: [
        { id: 'ask', typeVersion: 1, exits: { ok: 'done' } },
        { id: 'done', typeVersion: 1, params: {}, exits: {} },
      ],
      layout: { ask: { x: 10, y: 20, label: 'Ask for the order' }, done: { x: 300, y: 20 } },
    });
    expect(result.document.nodes).not.toContainEqual(expect.objectContaining({ position: expect.anything() }));
    expect(validate(result.document, testCatalog)).toEqual([]);
  });

  it('leaves a current document as it is', () => {
    const current = migrate(migrate(v0).ok ? (migrate(v0) as { document: unknown }).document : null);
    expect(current).toMatchObject({ ok: true, applied: [] });
  });

  it('refuses unknown formats and non-objects', () => {
    expect(migrate({ format: 'ivr-scenario/99' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown format'),
    });
    expect(migrate('nope')).toMatchObject({ ok: false });
  });
});
