import type { Environment } from '@marcbachmann/cel-js';
import type { ExpressionType } from '../catalog.js';

export type ExpressionProblem =
  | { code: 'expression-syntax'; message: string }
  | { code: 'undefined-variable'; message: string; variable: string }
  | { code: 'expression-type'; message: string };

const NUMERIC = new Set(['int', 'double', 'uint']);

/** Type-checks one CEL expression and, when `expected` is given, its result type. Never throws. */
export function checkExpression(
  env: Environment,
  source: string,
  expected: ExpressionType = 'dyn',
): { type?: string; problem?: ExpressionProblem } {
  if (source.trim() === '') return { problem: { code: 'expression-syntax', message: 'the expression is empty' } };
  let result: { valid: boolean; type?: string; error?: Error };
  try {
    result = env.check(source) as typeof result;
  } catch (error) {
    return { problem: toProblem(error) };
  }
  if (!result.valid) return { problem: toProblem(result.error) };
  const type = result.type ?? 'dyn';
  if (!fits(type, expected)) {
    return {
      type,
      problem: { code: 'expression-type', message: `expected a ${expected} expression, this one gives ${type}` },
    };
  }
  return { type };
}

function fits(actual: string, expected: ExpressionType): boolean {
  if (expected === 'dyn' || actual === 'dyn') return true;
  if (expected === 'number') return NUMERIC.has(actual);
  if (expected === 'double') return NUMERIC.has(actual);
  return actual === expected;
}

function toProblem(error: unknown): ExpressionProblem {
  const name = error instanceof Error ? error.constructor.name : '';
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const unknown = /^Unknown variable: (\S+)/.exec(message);
  if (unknown) return { code: 'undefined-variable', message: `${unknown[1]} is not declared`, variable: unknown[1]! };
  if (name === 'ParseError') return { code: 'expression-syntax', message };
  return { code: 'expression-type', message };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).trim();
}
