import type { ColumnRef } from '@ivr/components';

/** `A` -> 1, `AB` -> 28; undefined when the text is not a column letter. */
export function columnNumber(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n <= 16_384 ? n : undefined;
}

/** 1 -> `A`, 28 -> `AB`. */
export function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** The columns of a sheet: header texts by number, from its header row (none when headerRow is 0). */
export class SheetColumns {
  private readonly byHeader = new Map<string, number>();

  constructor(
    readonly headers: ReadonlyMap<number, string>,
    private readonly where: string,
  ) {
    for (const [n, text] of headers)
      if (!this.byHeader.has(text.trim().toLowerCase())) this.byHeader.set(text.trim().toLowerCase(), n);
  }

  /** A header text (case and surrounding spaces ignored) first, then a column letter. */
  resolve(ref: ColumnRef): number {
    const byHeader = this.byHeader.get(ref.trim().toLowerCase());
    if (byHeader !== undefined) return byHeader;
    const byLetter = columnNumber(ref.trim());
    if (byLetter !== undefined) return byLetter;
    const known = [...this.headers.values()].filter(Boolean);
    throw new Error(
      `no column "${ref}" in ${this.where}` +
        (known.length > 0 ? ` (its headers: ${known.join(', ')})` : ' (it has no header row)'),
    );
  }

  /** A row's cells by header text and by letter. */
  cells(values: ReadonlyMap<number, unknown>): Record<string, unknown> {
    const cells: Record<string, unknown> = {};
    const last = Math.max(0, ...values.keys(), ...this.headers.keys());
    for (let n = 1; n <= last; n += 1) {
      const value = values.get(n) ?? null;
      cells[columnLetters(n)] = value;
      const header = this.headers.get(n);
      if (header) cells[header] = value;
    }
    return cells;
  }
}

/** What a cell holds as a plain value: formulas by their result, rich text and links by their text, dates as ISO text. */
export function plainValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return plainValue(v.result);
    if ('text' in v) return plainValue(v.text);
    if ('error' in v) return null;
  }
  return null;
}

export function isEmptyCell(value: unknown): boolean {
  const plain = plainValue(value);
  return plain === null || (typeof plain === 'string' && plain.trim() === '');
}

/** Cells match when their text matches, so the number 79161234567 equals the caller id "79161234567". */
export function cellEquals(value: unknown, wanted: string): boolean {
  const plain = plainValue(value);
  return plain !== null && String(plain).trim() === wanted.trim();
}
