export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: 'empty' | 'text' | 'invalid' };

/**
 * A phone number from a cell: digits with an optional leading +, spaces, dots, dashes and
 * brackets dropped; 5-15 digits (E.164 allows 15). Letters mean the column holds text, not numbers.
 */
export function checkPhone(value: unknown): PhoneCheck {
  if (value === null || value === undefined) return { ok: false, reason: 'empty' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return { ok: false, reason: 'invalid' };
    value = value.toFixed(0);
  }
  const text = String(value).trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (/\p{L}/u.test(text)) return { ok: false, reason: 'text' };
  const compact = text.replace(/[\s().\-\u00a0]/g, '');
  if (!/^\+?\d{5,15}$/.test(compact)) return { ok: false, reason: 'invalid' };
  return { ok: true, phone: compact };
}
