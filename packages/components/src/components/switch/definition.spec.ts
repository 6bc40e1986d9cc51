import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { switchDefinition, switchParams } from './definition.js';

describe('switch', () => {
  it('has one exit per case in order, then other and error', () => {
    const params = switchParams.parse({
      cases: [
        { id: 'vip', label: 'VIP client', when: "status == 'vip'" },
        { id: 'new', when: 'callCount == 0' },
      ],
    });
    const exits = exitsFor(switchDefinition, params);
    expect(exits.map((e) => e.id)).toEqual(['vip', 'new', 'other', 'error']);
    expect(exits[0]?.label.es).toBe('VIP client');
    expect(exits[1]?.label.en).toBe('new');
  });

  it('refuses duplicate, reserved and malformed case ids', () => {
    const parse = (ids: string[]) => switchParams.safeParse({ cases: ids.map((id) => ({ id, when: 'true' })) }).success;
    expect(parse(['a', 'b'])).toBe(true);
    expect(parse(['a', 'a'])).toBe(false);
    expect(parse(['other'])).toBe(false);
    expect(parse(['error'])).toBe(false);
    expect(parse(['Has Space'])).toBe(false);
  });
});
