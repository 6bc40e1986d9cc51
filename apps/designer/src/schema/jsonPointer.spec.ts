import { describe, expect, it } from 'vitest';
import { paramPointerOf, parsePointer, pointer } from './jsonPointer';

describe('JSON Pointers', () => {
  it('escapes and parses segments', () => {
    expect(pointer('map', 'a/b', 'c~d', 0)).toBe('/map/a~1b/c~0d/0');
    expect(parsePointer('/map/a~1b/c~0d/0')).toEqual(['map', 'a/b', 'c~d', '0']);
    expect(pointer()).toBe('');
  });
  it('finds the param a node diagnostic points at', () => {
    expect(paramPointerOf('/nodes/3/params/prompt/tts')).toBe('/prompt/tts');
    expect(paramPointerOf('/nodes/3/params')).toBe('');
    expect(paramPointerOf('/nodes/3/exits/ok')).toBeNull();
    expect(paramPointerOf('/start')).toBeNull();
  });
});
