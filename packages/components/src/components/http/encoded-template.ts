import { parseTemplate, stringifyForTemplate } from '@ivr/scenario-schema';

/**
 * Renders a `{{ cel }}` template with every inserted value encoded for where it lands (a URL, a
 * JSON document, a form body), so a value with a quote, an ampersand or a slash stays one value
 * and can never change the structure around it. The literal text is the author's and stays as is.
 */
export function renderEncoded(
  template: string,
  evaluate: (expression: string) => unknown,
  encode: (value: unknown) => string,
): string {
  const { segments, error } = parseTemplate(template);
  if (error) throw new Error(`template error at ${error.offset}: ${error.message}`);
  let out = '';
  for (const segment of segments) out += segment.kind === 'text' ? segment.text : encode(evaluate(segment.source));
  return out;
}

export const urlEncode = (value: unknown): string => encodeURIComponent(stringifyForTemplate(value));

/** A value as a JSON literal: strings quoted and escaped, numbers and booleans bare, null for nothing. */
export const jsonEncode = (value: unknown): string => {
  if (value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value instanceof Date ? value.toISOString() : value) ?? 'null';
};

/** `data.items[0].id` -> the value at that path of a parsed JSON document, undefined when absent. */
export function valueAtPath(document: unknown, path: string): unknown {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let current: unknown = document;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return undefined;
      current = current[Number(part)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
      current = (current as Record<string, unknown>)[part];
    }
  }
  return current;
}
