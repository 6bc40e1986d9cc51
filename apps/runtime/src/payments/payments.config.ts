/**
 * The payments module's settings, read from the environment and checked at boot: a bad value
 * stops start-up with a message that names the variable.
 */
import { z } from 'zod';
import type { HostRules } from '../integrations/http/host-policy.js';

export interface PaymentsConfig {
  /** Signs result callbacks when the payment connection has no callbackSecret of its own. */
  callbackSecret?: string;
  callback: {
    /** Attempts in all before a callback is given up (each one recorded). */
    maxAttempts: number;
    /** Wait before the second attempt; it doubles each time (with ±20 % jitter) up to maxDelayMs. */
    baseDelayMs: number;
    maxDelayMs: number;
    /** One attempt's time limit. */
    timeoutMs: number;
    /** How often the store is checked even when nothing is due here (other nodes, expired leases). */
    pollIntervalMs: number;
    /** Hosts callback URLs may point to (empty: any); deny wins. */
    hosts: HostRules;
  };
  sandbox: {
    /** `embedded`: the runtime starts the sandbox processor on 127.0.0.1 for `sandbox` connections. */
    mode: 'embedded' | 'off';
    /** 0: any free port. */
    port: number;
  };
}

const int = (name: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

const hostList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((host) => host.trim())
      .filter((host) => host !== ''),
  );

const environment = z.object({
  PAYMENT_CALLBACK_SECRET: z
    .string()
    .min(16, 'PAYMENT_CALLBACK_SECRET must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PAYMENT_CALLBACK_MAX_ATTEMPTS: int('PAYMENT_CALLBACK_MAX_ATTEMPTS', 15, 1, 100),
  PAYMENT_CALLBACK_BASE_DELAY_MS: int('PAYMENT_CALLBACK_BASE_DELAY_MS', 2_000, 10, 3_600_000),
  PAYMENT_CALLBACK_MAX_DELAY_MS: int('PAYMENT_CALLBACK_MAX_DELAY_MS', 15 * 60_000, 10, 24 * 3_600_000),
  PAYMENT_CALLBACK_TIMEOUT_MS: int('PAYMENT_CALLBACK_TIMEOUT_MS', 10_000, 100, 120_000),
  PAYMENT_CALLBACK_POLL_MS: int('PAYMENT_CALLBACK_POLL_MS', 5_000, 50, 600_000),
  PAYMENT_CALLBACK_ALLOW_HOSTS: hostList,
  PAYMENT_CALLBACK_DENY_HOSTS: hostList,
  PAYMENT_SANDBOX: z
    .enum(['embedded', 'off'], { error: 'PAYMENT_SANDBOX must be embedded or off' })
    .default('embedded'),
  PAYMENT_SANDBOX_PORT: int('PAYMENT_SANDBOX_PORT', 0, 0, 65_535),
});

/** Throws an Error naming every bad variable. */
export function loadPaymentsConfig(env: Readonly<Record<string, string | undefined>>): PaymentsConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid payments configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const e = parsed.data;
  return {
    ...(e.PAYMENT_CALLBACK_SECRET ? { callbackSecret: e.PAYMENT_CALLBACK_SECRET } : {}),
    callback: {
      maxAttempts: e.PAYMENT_CALLBACK_MAX_ATTEMPTS,
      baseDelayMs: e.PAYMENT_CALLBACK_BASE_DELAY_MS,
      maxDelayMs: Math.max(e.PAYMENT_CALLBACK_MAX_DELAY_MS, e.PAYMENT_CALLBACK_BASE_DELAY_MS),
      timeoutMs: e.PAYMENT_CALLBACK_TIMEOUT_MS,
      pollIntervalMs: e.PAYMENT_CALLBACK_POLL_MS,
      // Cloud metadata endpoints hand out credentials: never a callback's target.
      hosts: {
        allow: e.PAYMENT_CALLBACK_ALLOW_HOSTS,
        deny: ['169.254.169.254', 'metadata.google.internal', ...e.PAYMENT_CALLBACK_DENY_HOSTS],
      },
    },
    sandbox: { mode: e.PAYMENT_SANDBOX, port: e.PAYMENT_SANDBOX_PORT },
  };
}
