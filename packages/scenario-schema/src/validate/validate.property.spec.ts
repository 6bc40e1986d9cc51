import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../testing/test-catalog.js';
import { DIAGNOSTIC_CODES } from './diagnostics.js';
import { validate } from './validate.js';

const KNOWN_CODES = new Set(Object.keys(DIAGNOSTIC_CODES));

const seed = {
  format: 'ivr-scenario/1',
  id: 'seed',
  name: 'Seed',
  kind: 'ivr',
  variables: [{ name: 'x', type: 'string', scope: 'run' }],
  start: 'a',
  nodes: [
    {
      id: 'a',
      type: 'input',
      typeVersion: 1,
      params: { prompt: { tts: 'Hi {{ x }}' }, into: 'x' },
      exits: { ok: 'b', noinput: 'a' },
    },
    { id: 'b', type: 'condition', typeVersion: 1, params: { when: 'x == "1"' }, exits: { true: 'c', false: 'a' } },
    { id: 'c', type: 'end', typeVersion: 1, params: {}, exits: {} },
  ],
  layout: {},
};

/** Replaces a random place in a JSON value with an arbitrary value. */
function mutateAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (Array.isArray(value) && value.length) {
    const i = path[0]! % value.length;
    const copy = [...value];
    copy[i] = mutateAt(value[i], path.slice(1), replacement);
    return copy;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (!keys.length) return replacement;
    const key = keys[path[0]! % keys.length]!;
    return {
      ...(value as object),
      [key]: mutateAt((value as Record<string, unknown>)[key], path.slice(1), replacement),
    };
  }
  return replacement;
}

function assertWellFormed(diagnostics: ReturnType<typeof validate>): void {
  expect(Array.isArray(diagnostics)).toBe(true);
  for (const d of diagnostics) {
    expect(['error', 'warning']).toContain(d.severity);
    expect(KNOWN_CODES.has(d.code)).toBe(true);
    expect(d.code).not.toBe('validator-internal');
    expect(typeof d.message).toBe('string');
    expect(typeof d.path).toBe('string');
  }
}

describe('validate on random input', () => {
  it('returns well-formed diagnostics for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assertWellFormed(validate(value, testCatalog));
      }),
      { numRuns: 300 },
    );
  });

  it('returns well-formed diagnostics for mutated scenarios', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom('a', 'b', 'c', 'zz', '{{', '{{ x +', 'digit-1', -1, Number.POSITIVE_INFINITY),
        ),
        (path, replacement) => {
          assertWellFormed(validate(mutateAt(seed, path, replacement), testCatalog));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('survives random graphs of known components', () => {
    const types = ['play', 'input', 'condition', 'log', 'end', 'dial', 'menu', 'sql'];
    const node = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      type: fc.constantFrom(...types),
      typeVersion: fc.constantFrom(1, 2),
      params: fc.dictionary(
        fc.constantFrom('prompt', 'when', 'into', 'options', 'query', 'map', 'number'),
        fc.jsonValue(),
      ),
      exits: fc.dictionary(
        fc.constantFrom('ok', 'true', 'false', 'answered', 'digit-1', 'noinput'),
        fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      ),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 8 }), fc.constantFrom('main', 'ivr', 'service'), (nodes, kind) => {
        assertWellFormed(validate({ ...seed, kind, nodes, start: 'a', onHangup: 'b' }, testCatalog));
      }),
      { numRuns: 300 },
    );
  });
});
