import { describe, expect, it } from 'vitest';
import { paymentDefinition, paymentParams } from './definition.js';

describe('payment', () => {
  it('fills every step prompt and the conventional header names by default', () => {
    const params = paymentParams.parse({ connection: 'sandbox' });
    expect(params.operation).toBe('sale');
    expect(params.prompts.cardNumber.tts).toMatch(/card number/);
    expect(params.prompts.securityCode.tts).toBeDefined();
    expect(params.headerNames).toEqual({
      operation: 'X-Operation',
      amount: 'X-Amount',
      currency: 'X-Currency',
      orderId: 'X-Order-Id',
      tokenId: 'X-Token-Id',
      description: 'X-Description',
      callbackUrl: 'X-Callback-Url',
    });
  });

  it('keeps one overridden prompt without losing the other defaults', () => {
    const params = paymentParams.parse({ connection: 'sandbox', prompts: { expiry: { file: 'pay/expiry' } } });
    expect(params.prompts.expiry).toEqual({ file: 'pay/expiry' });
    expect(params.prompts.cardNumber.tts).toBeDefined();
  });

  it('is sensitive and offers no result field for the card number or the security code', () => {
    expect(paymentDefinition.sensitive).toBe(true);
    expect(paymentParams.safeParse({ connection: 'sandbox', map: { cardNumber: 'pan' } }).success).toBe(false);
    expect(paymentDefinition.variableTargets).toContain('map.last4');
  });
});
