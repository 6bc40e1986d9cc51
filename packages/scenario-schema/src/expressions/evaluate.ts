import type { Environment } from '@marcbachmann/cel-js';
import type { ValueType } from '../document.js';
import { createEnvironment, type DeclaredValue } from './environment.js';
import type { SystemValues } from './system-variables.js';
import { parseTemplate } from './template.js';
import { fromCelValue, stringifyForTemplate, toCelValue } from './value-types.js';

/** An expression failed to parse, type-check or evaluate at run time. */
export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Compiled = (context: Record<string, unknown>) => unknown;

/**
 * Evaluates a scenario's expressions and templates. Compiled expressions are cached per source
 * text, so a loop through the same node parses once.
 */
export class ScenarioExpressions {
  private readonly env: Environment;
  private readonly types = new Map<string, ValueType>();
  private readonly compiled = new Map<string, Compiled>();

  constructor(declared: readonly DeclaredValue[]) {
    this.env = createEnvironment(declared);
    for (const value of declared) this.types.set(value.name, value.type);
  }

  /** Evaluates a CEL expression; returns a JSON-friendly value (ints as numbers). */
  evaluate(source: string, values: Readonly<Record<string, unknown>>, system: SystemValues = {}): unknown {
    const compiled = this.compile(source);
    try {
      return fromCelValue(compiled(this.context(values, system)));
    } catch (error) {
      throw new ExpressionError(source, `${source}: ${firstLine(error)}`);
    }
  }

  /** Evaluates a condition; anything but a boolean is an error rather than a guess. */
  test(source: string, values: Readonly<Record<string, unknown>>, system: SystemValues = {}): boolean {
    const result = this.evaluate(source, values, system);
    if (typeof result !== 'boolean')
      throw new ExpressionError(source, `${source}: expected a bool, got ${typeof result}`);
    return result;
  }

  /** Replaces every `{{ expr }}` in a text with the expression's value. */
  render(template: string, values: Readonly<Record<string, unknown>>, system: SystemValues = {}): string {
    if (!template.includes('{{')) return template.replaceAll('\\{{', '{{');
    const { segments, error } = parseTemplate(template);
    if (error) throw new ExpressionError(template, error.message);
    let context: Record<string, unknown> | undefined;
    let out = '';
    for (const segment of segments) {
      if (segment.kind === 'text') {
        out += segment.text;
        continue;
      }
      const compiled = this.compile(segment.source);
      context ??= this.context(values, system);
      try {
        out += stringifyForTemplate(compiled(context));
      } catch (failure) {
        throw new ExpressionError(segment.source, `${segment.source}: ${firstLine(failure)}`);
      }
    }
    return out;
  }

  private compile(source: string): Compiled {
    let compiled = this.compiled.get(source);
    if (!compiled) {
      try {
        const parsed = this.env.parse(source) as unknown as Compiled & { check(): { valid: boolean; error?: Error } };
        const checked = parsed.check();
        if (!checked.valid) throw checked.error ?? new Error('invalid expression');
        compiled = parsed;
      } catch (error) {
        throw new ExpressionError(source, `${source}: ${firstLine(error)}`);
      }
      this.compiled.set(source, compiled);
    }
    return compiled;
  }

  private context(values: Readonly<Record<string, unknown>>, system: SystemValues): Record<string, unknown> {
    const context: Record<string, unknown> = {
      call: {
        uuid: system.call?.uuid ?? '',
        callerId: system.call?.callerId ?? '',
        callerName: system.call?.callerName ?? '',
        dialedNumber: system.call?.dialedNumber ?? '',
        headers: system.call?.headers ?? {},
        answered: system.call?.answered ?? false,
      },
      run: {
        id: system.run?.id ?? '',
        scenarioId: system.run?.scenarioId ?? '',
        version: BigInt(system.run?.version ?? 0),
        kind: system.run?.kind ?? '',
      },
      error: {
        code: system.error?.code ?? '',
        message: system.error?.message ?? '',
        nodeId: system.error?.nodeId ?? '',
      },
      now: system.now ?? new Date(),
    };
    for (const [name, type] of this.types) context[name] = toCelValue(values[name], type);
    return context;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).trim();
}
