/** A piece of a `{{ }}` template: literal text, or an expression with its offsets in the source. */
export type TemplateSegment =
  { kind: 'text'; text: string } | { kind: 'expr'; source: string; start: number; end: number };

export interface TemplateParseError {
  message: string;
  offset: number;
}

/**
 * Splits a template into text and `{{ expr }}` segments. `\{{` stands for a literal `{{`.
 * An opening `{{` with no closing `}}` is an error rather than text, so a typo is reported.
 */
export function parseTemplate(text: string): { segments: TemplateSegment[]; error?: TemplateParseError } {
  const segments: TemplateSegment[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
      continue;
    }
    if (text.startsWith('{{', i)) {
      const close = findClose(text, i + 2);
      if (close < 0) {
        if (literal) segments.push({ kind: 'text', text: literal });
        return { segments, error: { message: 'an opening {{ has no closing }}', offset: i } };
      }
      if (literal) segments.push({ kind: 'text', text: literal });
      literal = '';
      segments.push({ kind: 'expr', source: text.slice(i + 2, close).trim(), start: i, end: close + 2 });
      i = close + 2;
      continue;
    }
    literal += text[i];
    i += 1;
  }
  if (literal) segments.push({ kind: 'text', text: literal });
  return { segments };
}

/** Finds the `}}` that closes an expression, skipping over string literals inside it. */
function findClose(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}
