import { describe, expect, it } from 'vitest';
import { tokenAtCaret } from './ExpressionInput';

describe('tokenAtCaret', () => {
  it('finds the identifier being typed in an expression', () => {
    expect(tokenAtCaret('orderId == 1 && sta', 19, 'expression')).toBe('sta');
    expect(tokenAtCaret('call.cal', 8, 'expression')).toBe('call.cal');
    expect(tokenAtCaret('size(', 5, 'expression')).toBe('');
    expect(tokenAtCaret('"abc"', 5, 'expression')).toBeNull();
  });
  it('suggests inside template braces only', () => {
    expect(tokenAtCaret('Order {{ ord', 12, 'template')).toBe('ord');
    expect(tokenAtCaret('Order ord', 9, 'template')).toBeNull();
    expect(tokenAtCaret('{{ a }} and b', 13, 'template')).toBeNull();
  });
});
