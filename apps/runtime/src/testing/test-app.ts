import { loadPaymentsConfig } from '../payments/payments.config.js';
import { DEFAULT_TELEPHONY_CONFIG } from '../telephony/config.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Catalog } from '@ivr/scenario-schema';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../app.js';
import type { DatabaseConfig, RuntimeConfig } from '../config/runtime-config.js';
import type { Role } from '../auth/user.entity.js';
import { testCatalog } from './test-catalog.js';

export type TestDatabase = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_POSTGRES_URL is set (as on CI). */
export const TEST_DATABASES: TestDatabase[] = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const ADMIN_PASSWORD = 'first-admin-password';

export interface TestApp {
  app: NestExpressApplication;
  config: RuntimeConfig;
  /** Every JSON log line written so far. */
  logs: string[];
  http: () => ReturnType<typeof request>;
  /** A bearer token for a user of the role (admin is the first admin; others are created once). */
  tokenFor: (role: Role) => Promise<string>;
  close: () => Promise<void>;
}

export function testConfig(
  dataDir: string,
  database: DatabaseConfig,
  overrides: Partial<RuntimeConfig> = {},
): RuntimeConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    database,
    secretKey: randomBytes(32),
    jwtSecret: randomBytes(32).toString('hex'),
    jwtTtlSeconds: 3600,
    admin: { username: 'admin', password: ADMIN_PASSWORD, isDefaultPassword: false },
    logLevel: 'info',
    bodyLimitBytes: 256 * 1024,
    promptsDir: join(dataDir, 'prompts'),
    promptMaxBytes: 512 * 1024,
    passwordHashRounds: 4,
    loginRateLimit: { maxFailures: 5, windowSeconds: 60 },
    samplesDir: join(dataDir, 'samples'),
    designerDistDir: join(dataDir, 'designer-dist'),
    telephony: {
      ...DEFAULT_TELEPHONY_CONFIG,
      listenPort: 0,
      recordingsDir: join(dataDir, 'files'),
      reaper: { intervalMs: 3_600_000, graceMs: 3_600_000 },
      embedded: { timeScale: 0.05, heartbeatSeconds: 0 },
    },
    payments: loadPaymentsConfig({}),
    cti: { urls: [], secret: undefined, attempts: 3, baseDelayMs: 20 },
    ...overrides,
  };
}

/** A fresh PostgreSQL schema, so test files do not see each other's rows. */
async function createPostgresSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

export async function startTestApp(
  database: TestDatabase,
  options: { catalog?: Catalog; config?: Partial<RuntimeConfig> } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-runtime-test-'));
  let dropSchema: (() => Promise<void>) | undefined;
  let databaseConfig: DatabaseConfig = { type: 'sqlite', path: join(dataDir, 'test.sqlite') };
  if (database === 'postgres') {
    const url = process.env.TEST_POSTGRES_URL!;
    const { schema, drop } = await createPostgresSchema(url);
    dropSchema = drop;
    databaseConfig = { type: 'postgres', url, schema };
  }
  const config = testConfig(dataDir, databaseConfig, options.config);
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const app = await createApp(config, { catalog: options.catalog ?? testCatalog, logDestination });
  const http = () => request(app.getHttpServer());
  const tokens = new Map<Role, string>();

  const login = async (username: string, password: string) => {
    const response = await http().post('/api/auth/login').send({ username, password });
    if (response.status !== 200)
      throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };

  const tokenFor = async (role: Role): Promise<string> => {
    const known = tokens.get(role);
    if (known) return known;
    let token: string;
    if (role === 'admin') token = await login('admin', ADMIN_PASSWORD);
    else {
      const admin = await tokenFor('admin');
      const username = `${role}-user`;
      const password = `${role}-password-1`;
      const created = await http()
        .post('/api/users')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username, password, role });
      if (created.status !== 201) throw new Error(`creating ${username} failed: ${created.status}`);
      token = await login(username, password);
    }
    tokens.set(role, token);
    return token;
  };

  return {
    app,
    config,
    logs,
    http,
    tokenFor,
    close: async () => {
      await app.close();
      await dropSchema?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
