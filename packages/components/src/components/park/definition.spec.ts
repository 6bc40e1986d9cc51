import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { parkDefinition, parkParams } from './definition.js';

describe('park', () => {
  it('has a timeout exit only when the timeout does not return the call to the parker', () => {
    const ids = (input: object) => exitsFor(parkDefinition, parkParams.parse(input)).map((e) => e.id);
    expect(ids({})).toEqual(['picked', 'returned', 'error']);
    expect(ids({ onTimeout: 'exit' })).toEqual(['picked', 'timeout', 'error']);
  });

  it('refuses an inverted slot range', () => {
    expect(parkParams.safeParse({ firstSlot: 715, lastSlot: 711 }).success).toBe(false);
  });
});
