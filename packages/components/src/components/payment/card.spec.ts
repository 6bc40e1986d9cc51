import { describe, expect, it } from 'vitest';
import { checkCardNumber, checkExpiry, detectBrand, lastFour, passesLuhn, securityCodeLength } from './card.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('card checks', () => {
  it('applies the Luhn rule', () => {
    expect(passesLuhn(bytes('4111111111111111'))).toBe(true);
    expect(passesLuhn(bytes('4111111111111112'))).toBe(false);
    expect(passesLuhn(bytes('41111111111111a1'))).toBe(false);
    expect(passesLuhn(bytes(''))).toBe(false);
  });

  it('detects brands from the number prefix', () => {
    expect(detectBrand(bytes('4111111111111111'))).toBe('visa');
    expect(detectBrand(bytes('5555555555554444'))).toBe('mastercard');
    expect(detectBrand(bytes('2221000000000009'))).toBe('mastercard');
    expect(detectBrand(bytes('2200000000000004'))).toBe('mir');
    expect(detectBrand(bytes('378282246310005'))).toBe('amex');
    expect(detectBrand(bytes('3530111333300000'))).toBe('jcb');
    expect(detectBrand(bytes('6011111111111117'))).toBe('discover');
    expect(detectBrand(bytes('6200000000000005'))).toBe('unionpay');
    expect(detectBrand(bytes('6759649826438453'))).toBe('maestro');
    expect(detectBrand(bytes('1234567812345670'))).toBeUndefined();
  });

  it('checks number, length per brand and accepted brands', () => {
    expect(checkCardNumber(bytes('4111111111111111'), ['visa'])).toEqual({ ok: true, brand: 'visa' });
    expect(checkCardNumber(bytes('4111111111111111'), ['mir'])).toEqual({ ok: false, problem: 'brand-not-accepted' });
    // Luhn-valid but 15 digits: no Visa card has 15.
    expect(checkCardNumber(bytes('411111111111116'), ['visa'])).toEqual({ ok: false, problem: 'invalid-number' });
    expect(checkCardNumber(bytes('12345678903'), ['visa'])).toEqual({ ok: false, problem: 'invalid-number' });
    expect(securityCodeLength('amex')).toBe(4);
    expect(securityCodeLength('visa')).toBe(3);
  });

  it('checks MMYY against the current month (UTC)', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(checkExpiry(bytes('1126'), now)).toEqual({ ok: true, month: 11, year: 2026 });
    expect(checkExpiry(bytes('1026'), now)).toEqual({ ok: false, problem: 'expired' });
    expect(checkExpiry(bytes('0027'), now)).toEqual({ ok: false, problem: 'invalid-expiry' });
    expect(checkExpiry(bytes('1299'), now)).toEqual({ ok: false, problem: 'invalid-expiry' });
    expect(checkExpiry(bytes('127'), now)).toEqual({ ok: false, problem: 'wrong-length' });
  });

  it('gives the last four digits only', () => {
    expect(lastFour(bytes('4111111111111111'))).toBe('1111');
  });
});
