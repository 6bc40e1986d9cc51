import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { menuDefinition, menuParams } from './definition.js';

describe('menu', () => {
  it('has one exit per option, * and # named, plus noinput, invalid and error', () => {
    const params = menuParams.parse({
      prompt: { file: 'menu' },
      options: [{ key: '1', label: 'Sales' }, { key: '0' }, { key: '*' }, { key: '#' }],
    });
    const exits = exitsFor(menuDefinition, params);
    expect(exits.map((e) => e.id)).toEqual([
      'digit-1',
      'digit-0',
      'digit-star',
      'digit-hash',
      'noinput',
      'invalid',
      'error',
    ]);
    expect(exits[0]?.label.ru).toBe('1: Sales');
    expect(exits[1]?.label.ru).toBe('Клавиша 0');
  });

  it('refuses a key used twice and a menu without options', () => {
    expect(menuParams.safeParse({ prompt: { tts: 'x' }, options: [{ key: '1' }, { key: '1' }] }).success).toBe(false);
    expect(menuParams.safeParse({ prompt: { tts: 'x' }, options: [] }).success).toBe(false);
  });

  it('fills timeout and retries with defaults', () => {
    const params = menuParams.parse({ prompt: { tts: 'x' }, options: [{ key: '1' }] });
    expect(params).toMatchObject({ timeout: 5, retries: 2 });
  });
});
