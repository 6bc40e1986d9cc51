import { describe, expect, it } from 'vitest';
import { summarizeParams } from './summarizeParams';

describe('summarizeParams', () => {
  const schema = {
    properties: { prompt: {}, maxDigits: { default: 10 }, into: {}, options: {} },
  };
  it('shows non-default params in schema order, nested text first', () => {
    expect(summarizeParams({ into: 'orderId', maxDigits: 6, prompt: { tts: 'Enter  order' } }, schema)).toBe(
      'Enter order · maxDigits: 6 · orderId',
    );
  });
  it('skips defaults and empty values, counts lists', () => {
    expect(summarizeParams({ maxDigits: 10, into: '', options: [1, 2] }, schema)).toBe('[2]');
  });
  it('cuts long lines', () => {
    expect(summarizeParams({ prompt: 'x'.repeat(100) }, schema)).toHaveLength(60);
  });
});
