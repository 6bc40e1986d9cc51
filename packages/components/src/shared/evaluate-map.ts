import type { ExecutionContext } from '../executor.js';

/** Evaluates every CEL expression of a `name -> expression` param (args, payload). */
export function evaluateMap(
  context: ExecutionContext,
  expressions: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(expressions)) out[name] = context.evaluate(expression);
  return out;
}

/** Copies fields of a result into variables by a `field -> variable` map; missing fields are skipped. */
export function mapIntoVariables(
  source: Readonly<Record<string, unknown>>,
  map: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(map)) if (field in source) vars[variable] = source[field];
  return vars;
}

/**
 * Runs assignments in order, each visible to the next (`a = 1`, then `b = a + 1`), as people read
 * them top to bottom.
 */
export function runAssignments(
  context: ExecutionContext,
  assignments: ReadonlyArray<{ variable: string; value: string }>,
): void {
  for (const { variable, value } of assignments) context.variables.set(variable, context.evaluate(value));
}
