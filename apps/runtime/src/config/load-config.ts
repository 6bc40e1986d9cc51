import { ctiWebhookConfigFromEnv } from '../live/cti-webhooks.js';
import { loadPaymentsConfig } from '../payments/payments.config.js';
import { telephonyConfigFromEnv } from '../telephony/config.js';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { readOrCreateSecretFile } from './persisted-secret.js';
import { findRepoRoot } from './repo-root.js';
import type { DatabaseConfig, RuntimeConfig } from './runtime-config.js';

/** A configuration value that stops start-up; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_ADMIN_PASSWORD = 'admin';

const intIn = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const byteSize = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'must be a size such as 512kb, 2mb or 1048576')
  .transform((text) => {
    const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text)!;
    const unit = (match[2] ?? 'b').toLowerCase();
    const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit as 'b'];
    return Math.floor(Number(match[1]) * factor);
  })
  .pipe(z.number().int().min(1024, 'must be at least 1kb'));

const envSchema = z.object({
  PORT: intIn(1, 65535).default(3000),
  // Loopback by default: the embedded install starts with admin/admin, so exposing it is a choice.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql|mssql|sqlserver):\/\/.+/, 'must be a postgres://, postgresql:// or mssql:// URL')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  SECRET_KEY: z
    .string()
    .refine((value) => decodeKey(value) !== undefined, 'must be 32 bytes as 64 hex digits or base64')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: intIn(60, 30 * 24 * 3600).default(8 * 3600),
  ADMIN_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, . _ or -')
    .default('admin'),
  ADMIN_PASSWORD: z.string().min(1).max(200).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: byteSize.default(2 * 1024 * 1024),
  PROMPT_MAX_BYTES: byteSize.default(20 * 1024 * 1024),
  PASSWORD_HASH_ROUNDS: intIn(4, 15).default(10),
  LOGIN_MAX_FAILURES: intIn(1, 1000).default(10),
  LOGIN_WINDOW_SECONDS: intIn(1, 24 * 3600).default(15 * 60),
  PROMPTS_DIR: z.string().min(1).optional(),
  SAMPLES_DIR: z.string().min(1).optional(),
  DESIGNER_DIST: z.string().min(1).optional(),
});

export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

function databaseFrom(url: string | undefined, schema: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: join(dataDir, 'ivr.sqlite') };
  if (/^(mssql|sqlserver):/.test(url)) return { type: 'mssql', url };
  return schema ? { type: 'postgres', url, schema } : { type: 'postgres', url };
}

/**
 * Reads and checks the environment. Throws ConfigError naming every bad variable; never echoes
 * the value of a secret variable.
 */
/** Sections parsed by their own modules: their errors become ConfigErrors that name the variable. */
function sectionConfig<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const repoRoot = findRepoRoot();
  const dataDir = resolve(e.DATA_DIR ?? join(repoRoot, '.data'));
  const database = databaseFrom(e.DATABASE_URL, e.DATABASE_SCHEMA, dataDir);
  const embedded = database.type === 'sqlite';

  // Several nodes share one server database, so they must share keys: generated keys would differ.
  if (!embedded && !e.SECRET_KEY)
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY: required when DATABASE_URL is set');
  if (!embedded && !e.JWT_SECRET)
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when DATABASE_URL is set');

  const secretKey = e.SECRET_KEY ? decodeKey(e.SECRET_KEY)! : readOrCreateSecretFile(dataDir, 'secret.key');
  const jwtSecret = e.JWT_SECRET ?? readOrCreateSecretFile(dataDir, 'jwt.secret', 48).toString('base64');

  const telephony = sectionConfig(() => telephonyConfigFromEnv(env));
  const payments = sectionConfig(() => loadPaymentsConfig(env));
  const cti = sectionConfig(() => ctiWebhookConfigFromEnv(env));
  return {
    telephony: { ...telephony, recordingsDir: resolve(env.RECORDINGS_DIR || join(dataDir, 'files')) },
    payments,
    cti,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    secretKey,
    jwtSecret,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    admin: {
      username: e.ADMIN_USERNAME,
      password: e.ADMIN_PASSWORD ?? DEFAULT_ADMIN_PASSWORD,
      isDefaultPassword: e.ADMIN_PASSWORD === undefined,
    },
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT,
    promptsDir: resolve(e.PROMPTS_DIR ?? join(dataDir, 'prompts')),
    promptMaxBytes: e.PROMPT_MAX_BYTES,
    passwordHashRounds: e.PASSWORD_HASH_ROUNDS,
    loginRateLimit: { maxFailures: e.LOGIN_MAX_FAILURES, windowSeconds: e.LOGIN_WINDOW_SECONDS },
    samplesDir: resolve(e.SAMPLES_DIR ?? join(repoRoot, 'samples')),
    designerDistDir: resolve(e.DESIGNER_DIST ?? join(repoRoot, 'apps', 'designer', 'dist')),
  };
}
