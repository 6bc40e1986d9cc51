import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { splitDefinition, splitParams } from './definition.js';

describe('split', () => {
  it('defaults to a 50/50 split with exits a and b', () => {
    const params = splitParams.parse({});
    expect(exitsFor(splitDefinition, params).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('requires percentages to add up to 100, but not in random mode', () => {
    const branches = [
      { id: 'x', weight: 30 },
      { id: 'y', weight: 30 },
    ];
    expect(splitParams.safeParse({ branches }).success).toBe(false);
    expect(splitParams.safeParse({ mode: 'random', branches }).success).toBe(true);
    expect(splitParams.safeParse({ branches: [...branches, { id: 'z', weight: 40 }] }).success).toBe(true);
  });
});
