import type { CtiWebhookConfig } from '../live/cti-webhooks.js';
import type { PaymentsConfig } from '../payments/payments.config.js';
import type { TelephonyConfig } from '../telephony/config.js';
/** Where the runtime keeps its data: the embedded SQLite file, or a server selected by DATABASE_URL. */
export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string; schema?: string }
  | { type: 'mssql'; url: string };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the runtime reads from its environment, already checked. */
export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** 32 bytes: the AES-256-GCM key for connection secrets. */
  secretKey: Buffer;
  jwtSecret: string;
  jwtTtlSeconds: number;
  admin: { username: string; password: string; isDefaultPassword: boolean };
  logLevel: LogLevel;
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /**
   * Where prompt files live (<dir>/<language>/<name>.<ext>): inside the data folder by default, or a
   * folder shared with FreeSWITCH.
   */
  promptsDir: string;
  /** Largest audio prompt accepted, in bytes. */
  promptMaxBytes: number;
  passwordHashRounds: number;
  loginRateLimit: { maxFailures: number; windowSeconds: number };
  samplesDir: string;
  designerDistDir: string;
  /** FreeSWITCH connections or the embedded emulator (telephony/config.ts lists the variables). */
  telephony: TelephonyConfig;
  /** Payment callbacks and the sandbox processor (payments/payments.config.ts lists the variables). */
  payments: PaymentsConfig;
  /** Signed CTI webhooks (live/cti-webhooks.ts lists the variables). */
  cti: CtiWebhookConfig;
}
