import { describe, expect, it } from 'vitest';
import { loadPaymentsConfig } from './payments.config.js';

describe('payments config', () => {
  it('has working defaults: embedded sandbox, no server-wide secret, back-off from 2 s', () => {
    const config = loadPaymentsConfig({});
    expect(config.callbackSecret).toBeUndefined();
    expect(config.sandbox).toEqual({ mode: 'embedded', port: 0 });
    expect(config.callback).toMatchObject({ maxAttempts: 15, baseDelayMs: 2_000, timeoutMs: 10_000 });
    expect(config.callback.hosts.deny).toContain('169.254.169.254');
  });

  it('reads every variable and names the bad ones', () => {
    const config = loadPaymentsConfig({
      PAYMENT_CALLBACK_SECRET: 'sixteen-chars-at-least',
      PAYMENT_CALLBACK_MAX_ATTEMPTS: '3',
      PAYMENT_CALLBACK_ALLOW_HOSTS: 'cc.example.com, *.crm.example',
      PAYMENT_SANDBOX: 'off',
    });
    expect(config).toMatchObject({
      callbackSecret: 'sixteen-chars-at-least',
      callback: { maxAttempts: 3, hosts: { allow: ['cc.example.com', '*.crm.example'] } },
      sandbox: { mode: 'off' },
    });
    expect(() => loadPaymentsConfig({ PAYMENT_CALLBACK_SECRET: 'short' })).toThrow(/PAYMENT_CALLBACK_SECRET/);
    expect(() => loadPaymentsConfig({ PAYMENT_CALLBACK_MAX_ATTEMPTS: 'many' })).toThrow(
      /PAYMENT_CALLBACK_MAX_ATTEMPTS/,
    );
    expect(() => loadPaymentsConfig({ PAYMENT_SANDBOX: 'yes' })).toThrow(/PAYMENT_SANDBOX/);
  });
});
