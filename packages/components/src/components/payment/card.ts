/**
 * Card checks run on the digits as entered, held in a Uint8Array of ASCII codes: nothing here turns
 * a card number or a security code into a string (a JS string cannot be wiped). The only string
 * made from a card number is its last four digits, which PCI DSS allows to be shown.
 */
import type { CARD_BRANDS } from './definition.js';

export type CardBrand = (typeof CARD_BRANDS)[number];

const ZERO = 0x30;
const NINE = 0x39;
const STAR = 0x2a;

/** True when every byte is an ASCII digit (and there is at least one). */
export function isAllDigits(digits: Uint8Array): boolean {
  if (digits.length === 0) return false;
  for (const byte of digits) if (byte < ZERO || byte > NINE) return false;
  return true;
}

/** True when the buffer holds a `*`: some switches deliver the cancel key as a digit. */
export function hasStar(digits: Uint8Array): boolean {
  return digits.includes(STAR);
}

/** The Luhn (mod 10) check digit rule every payment card number follows. */
export function passesLuhn(digits: Uint8Array): boolean {
  if (!isAllDigits(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let value = digits[i]! - ZERO;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The first `count` digits as a number (the issuer prefix): a number, not a string of the card. */
function prefix(digits: Uint8Array, count: number): number {
  let value = 0;
  for (let i = 0; i < count && i < digits.length; i += 1) value = value * 10 + (digits[i]! - ZERO);
  return value;
}

interface BrandRule {
  brand: CardBrand;
  /** Inclusive ranges of the issuer prefix, each with its own number of digits. */
  ranges: Array<[digits: number, from: number, to: number]>;
  lengths: readonly number[];
  securityCodeLength: number;
}

// Order matters: the narrow ranges (Mir inside 2xxx, Discover/UnionPay inside 6x) come before the
// wide ones (Mastercard 2221-2720, Maestro 5x/6x).
const BRAND_RULES: readonly BrandRule[] = [
  {
    brand: 'amex',
    ranges: [
      [2, 34, 34],
      [2, 37, 37],
    ],
    lengths: [15],
    securityCodeLength: 4,
  },
  { brand: 'mir', ranges: [[4, 2200, 2204]], lengths: [16, 17, 18, 19], securityCodeLength: 3 },
  {
    brand: 'mastercard',
    ranges: [
      [2, 51, 55],
      [4, 2221, 2720],
    ],
    lengths: [16],
    securityCodeLength: 3,
  },
  { brand: 'visa', ranges: [[1, 4, 4]], lengths: [13, 16, 19], securityCodeLength: 3 },
  { brand: 'jcb', ranges: [[4, 3528, 3589]], lengths: [16, 17, 18, 19], securityCodeLength: 3 },
  {
    brand: 'discover',
    ranges: [
      [4, 6011, 6011],
      [3, 644, 649],
      [2, 65, 65],
    ],
    lengths: [16, 17, 18, 19],
    securityCodeLength: 3,
  },
  {
    brand: 'unionpay',
    ranges: [
      [2, 62, 62],
      [2, 81, 81],
    ],
    lengths: [16, 17, 18, 19],
    securityCodeLength: 3,
  },
  {
    brand: 'maestro',
    ranges: [
      [2, 50, 50],
      [2, 56, 69],
    ],
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
    securityCodeLength: 3,
  },
];

/** The brand the number's prefix belongs to; undefined when no known range matches. */
export function detectBrand(digits: Uint8Array): CardBrand | undefined {
  if (!isAllDigits(digits)) return undefined;
  for (const rule of BRAND_RULES) {
    for (const [count, from, to] of rule.ranges) {
      if (digits.length < count) continue;
      const value = prefix(digits, count);
      if (value >= from && value <= to) return rule.brand;
    }
  }
  return undefined;
}

function ruleOf(brand: CardBrand): BrandRule {
  const rule = BRAND_RULES.find((r) => r.brand === brand);
  if (!rule) throw new Error(`no rule for card brand ${brand}`);
  return rule;
}

/** Whether a number of this many digits can belong to the brand. */
export function validLengthFor(brand: CardBrand, length: number): boolean {
  return ruleOf(brand).lengths.includes(length);
}

/** Digits of the security code on this brand's cards (4 on the front of an Amex, 3 on the back of others). */
export function securityCodeLength(brand: CardBrand): number {
  return ruleOf(brand).securityCodeLength;
}

export type CardNumberCheck =
  { ok: true; brand: CardBrand } | { ok: false; problem: 'invalid-number' | 'brand-not-accepted' };

/** Digits only, a known brand with a length it uses, the Luhn rule, and a brand the block accepts. */
export function checkCardNumber(digits: Uint8Array, accepted: readonly CardBrand[]): CardNumberCheck {
  if (digits.length < 12 || digits.length > 19 || !passesLuhn(digits)) return { ok: false, problem: 'invalid-number' };
  const brand = detectBrand(digits);
  if (!brand || !validLengthFor(brand, digits.length)) return { ok: false, problem: 'invalid-number' };
  if (!accepted.includes(brand)) return { ok: false, problem: 'brand-not-accepted' };
  return { ok: true, brand };
}

export type ExpiryCheck =
  { ok: true; month: number; year: number } | { ok: false; problem: 'wrong-length' | 'invalid-expiry' | 'expired' };

/** Cards are issued for at most this many years ahead; a later year is a typing mistake. */
const MAX_YEARS_AHEAD = 20;

/**
 * MMYY as typed on the keypad. A card is valid through the last day of its expiry month, so a
 * card expiring this month still passes. `now` is compared in UTC.
 */
export function checkExpiry(digits: Uint8Array, now: Date): ExpiryCheck {
  if (digits.length !== 4 || !isAllDigits(digits)) return { ok: false, problem: 'wrong-length' };
  const month = prefix(digits, 2);
  const year = 2000 + (digits[2]! - ZERO) * 10 + (digits[3]! - ZERO);
  if (month < 1 || month > 12) return { ok: false, problem: 'invalid-expiry' };
  const entered = year * 12 + (month - 1);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (entered < current) return { ok: false, problem: 'expired' };
  if (entered > current + MAX_YEARS_AHEAD * 12) return { ok: false, problem: 'invalid-expiry' };
  return { ok: true, month, year };
}

/** The last four digits: the only part of a card number that may be shown, stored or sent on. */
export function lastFour(digits: Uint8Array): string {
  return String.fromCharCode(...digits.subarray(Math.max(0, digits.length - 4)));
}

/** Overwrites a buffer of card data; safe to call twice or on an empty buffer. */
export function wipe(buffer: Uint8Array | undefined): void {
  buffer?.fill(0);
}
