import { describe, expect, it } from 'vitest';
import { createEnvironment } from './environment.js';
import { checkExpression } from './check.js';
import { ScenarioExpressions, ExpressionError } from './evaluate.js';
import { parseTemplate } from './template.js';

const declared = [
  { name: 'orderId', type: 'string' as const },
  { name: 'attempts', type: 'int' as const },
  { name: 'amount', type: 'double' as const },
  { name: 'vip', type: 'bool' as const },
  { name: 'row', type: 'map' as const },
];

describe('checkExpression', () => {
  const env = createEnvironment(declared);

  it('accepts well-typed expressions and reports their type', () => {
    expect(checkExpression(env, 'attempts < 3 && !vip', 'bool')).toEqual({ type: 'bool' });
    expect(checkExpression(env, 'call.headers["X-Order-Id"]', 'string').problem).toBeUndefined();
    expect(checkExpression(env, 'amount == 1').problem).toBeUndefined();
  });

  it('reports undeclared variables by name', () => {
    const { problem } = checkExpression(env, 'ordreId == "1"', 'bool');
    expect(problem).toMatchObject({ code: 'undefined-variable', variable: 'ordreId' });
  });

  it('reports syntax errors and wrong result types', () => {
    expect(checkExpression(env, 'attempts <', 'bool').problem?.code).toBe('expression-syntax');
    expect(checkExpression(env, 'orderId + 1').problem?.code).toBe('expression-type');
    expect(checkExpression(env, 'orderId', 'bool').problem?.code).toBe('expression-type');
    expect(checkExpression(env, 'call.calerId').problem?.code).toBe('expression-type');
    expect(checkExpression(env, '   ').problem?.code).toBe('expression-syntax');
  });
});

describe('ScenarioExpressions', () => {
  const expressions = new ScenarioExpressions(declared);

  it('evaluates with declared types, returning plain numbers', () => {
    expect(expressions.evaluate('attempts + 1', { attempts: 2 })).toBe(3);
    expect(expressions.evaluate('amount * 2', { amount: 1.25 })).toBe(2.5);
    expect(expressions.test('vip || attempts > 5', { vip: false, attempts: 6 })).toBe(true);
    expect(expressions.evaluate('call.callerId.startsWith("79")', {}, { call: { callerId: '79161234567' } })).toBe(
      true,
    );
  });

  it('renders templates and leaves escaped braces alone', () => {
    const text = expressions.render('Order {{ orderId }} costs {{ amount }}; \\{{ literal', {
      orderId: 'A1',
      amount: 10.5,
    });
    expect(text).toBe('Order A1 costs 10.5; {{ literal');
  });

  it('raises ExpressionError for runtime failures, bad syntax and non-boolean conditions', () => {
    expect(() => expressions.evaluate('row.missing', { row: {} })).toThrow(ExpressionError);
    expect(() => expressions.evaluate('attempts +', {})).toThrow(ExpressionError);
    expect(() => expressions.test('orderId', { orderId: 'x' })).toThrow(/expected a bool/);
    expect(() => expressions.render('{{ orderId', {})).toThrow(/no closing/);
  });
});

describe('parseTemplate', () => {
  it('keeps braces inside string literals within an expression', () => {
    const { segments } = parseTemplate('a {{ row["}}"] }} b');
    expect(segments).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'expr', source: 'row["}}"]', start: 2, end: 17 },
      { kind: 'text', text: ' b' },
    ]);
  });
});
