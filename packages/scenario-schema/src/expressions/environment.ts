import { Environment } from '@marcbachmann/cel-js';
import type { ValueType } from '../document.js';
import { SYSTEM_VARIABLE_SCHEMAS } from './system-variables.js';
import { celTypeOf } from './value-types.js';

export interface DeclaredValue {
  name: string;
  type: ValueType;
}

// Limits keep a hostile expression from costing more than a small, bounded amount of work.
const LIMITS = { maxAstNodes: 2000, maxDepth: 64, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 16 };

let base: Environment | undefined;

/**
 * The shared base environment: system variables and the numeric conveniences people expect
 * (1 == 1.0, 2 * 1.5). Cloning it per scenario is cheap; the base itself is never extended again.
 */
function baseEnvironment(): Environment {
  if (base) return base;
  const env = new Environment({ homogeneousAggregateLiterals: false, limits: LIMITS });
  for (const [name, schema] of Object.entries(SYSTEM_VARIABLE_SCHEMAS)) {
    env.registerVariable({ name, schema: schema as Record<string, string> });
  }
  env.registerVariable('now', 'google.protobuf.Timestamp');
  // CEL keeps int and double apart; scenario authors should not have to write 1.0 to compare a double with 1.
  const mixed: Array<[string, (a: number, b: number) => unknown]> = [
    ['==', (a, b) => a === b],
    ['!=', (a, b) => a !== b],
    ['+', (a, b) => a + b],
    ['-', (a, b) => a - b],
    ['*', (a, b) => a * b],
    ['/', (a, b) => a / b],
  ];
  for (const [op, apply] of mixed) {
    registerOnce(env, `double ${op} int`, (a: number, b: bigint) => apply(a, Number(b)));
    registerOnce(env, `int ${op} double`, (a: bigint, b: number) => apply(Number(a), b));
  }
  base = env;
  return env;
}

/** An environment that knows the system variables plus the given params and variables. */
export function createEnvironment(declared: readonly DeclaredValue[]): Environment {
  const env = baseEnvironment().clone();
  const seen = new Set<string>();
  for (const value of declared) {
    if (seen.has(value.name) || env.hasVariable(value.name)) continue;
    seen.add(value.name);
    env.registerVariable(value.name, celTypeOf(value.type));
  }
  return env;
}

/** cel-js derives some mirrored overloads itself (int == double from double == int): skip those. */
function registerOnce(env: Environment, signature: string, handler: (left: never, right: never) => unknown): void {
  try {
    env.registerOperator(signature, handler as (left: unknown, right: unknown) => unknown);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('already registered')) throw error;
  }
}
