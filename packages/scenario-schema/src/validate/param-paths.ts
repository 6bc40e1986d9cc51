/** A concrete location inside a node's params matched by a path pattern. */
export interface ParamMatch {
  /** Segments from the params object down to the value. */
  segments: Array<string | number>;
  value: unknown;
}

/**
 * Expands a param path pattern (`prompt.tts`, `cases[].when`, `map.*`) against actual params.
 * `[]` visits every array element, `*` every value of an object. Missing parts match nothing.
 */
export function matchParamPath(params: unknown, pattern: string): ParamMatch[] {
  const steps = parsePattern(pattern);
  let current: ParamMatch[] = [{ segments: [], value: params }];
  for (const step of steps) {
    const next: ParamMatch[] = [];
    for (const match of current) {
      const value = match.value;
      if (step === '[]') {
        if (Array.isArray(value))
          value.forEach((item, i) => next.push({ segments: [...match.segments, i], value: item }));
      } else if (step === '*') {
        if (isPlainObject(value)) {
          for (const [key, item] of Object.entries(value))
            next.push({ segments: [...match.segments, key], value: item });
        }
      } else if (isPlainObject(value) && Object.hasOwn(value, step)) {
        next.push({ segments: [...match.segments, step], value: value[step] });
      }
    }
    current = next;
  }
  return current;
}

function parsePattern(pattern: string): string[] {
  const steps: string[] = [];
  for (const part of pattern.split('.')) {
    if (part === '') continue;
    if (part.endsWith('[]')) {
      const name = part.slice(0, -2);
      if (name) steps.push(name);
      steps.push('[]');
    } else steps.push(part);
  }
  return steps;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string inside a value, with its segments (for `{{ }}` template checks). */
export function collectStrings(value: unknown, segments: Array<string | number> = []): ParamMatch[] {
  if (typeof value === 'string') return [{ segments, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => collectStrings(item, [...segments, i]));
  if (isPlainObject(value))
    return Object.entries(value).flatMap(([key, item]) => collectStrings(item, [...segments, key]));
  return [];
}
