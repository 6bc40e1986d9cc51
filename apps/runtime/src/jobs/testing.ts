import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { CallPort } from '@ivr/components';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino } from 'pino';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import type { CampaignsOptions } from '../campaigns/campaigns.service.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { DatabaseConfig } from '../config/runtime-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import type { CallLeg } from '../engine/index.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { testConfig } from '../testing/test-app.js';
import type { Clock } from './clock.js';
import type { JobsConfig } from './jobs-config.js';
import { JobsModule } from './jobs.module.js';
import type {
  DialOutcome,
  DialRequest,
  JobsConnections,
  ScenarioRunRequest,
  ScenarioRunOutcome,
} from './scenario-runner.js';

export type QueueKind = 'database' | 'bullmq';
export type TestDatabaseKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TEST_POSTGRES_URL is set (as on CI). */
export const TEST_DATABASE_KINDS: TestDatabaseKind[] = process.env.TEST_POSTGRES_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/** A fresh PostgreSQL schema for one test (drop it after), so tests do not see each other's rows. */
export async function createTestSchema(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const url = process.env.TEST_POSTGRES_URL!;
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  return { config: { type: 'postgres', url, schema }, drop: () => run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

/** In-process always; BullMQ too when TEST_REDIS_URL is set (as on CI). */
export const TEST_QUEUES: QueueKind[] = process.env.TEST_REDIS_URL ? ['database', 'bullmq'] : ['database'];

@Global()
@Module({})
class TestCoreModule {
  static register(dataDir: string): DynamicModule {
    const config = testConfig(dataDir, { type: 'sqlite', path: join(dataDir, 'db.sqlite') });
    config.secretKey = randomBytes(32);
    const providers = [
      { provide: RUNTIME_CONFIG, useValue: config },
      { provide: ROOT_LOGGER, useValue: pino({ level: 'silent' }) },
    ];
    return { module: TestCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

export interface JobsTestApp {
  module: TestingModule;
  close: () => Promise<void>;
}

/**
 * The jobs and campaigns modules on a real SQLite file in `dataDir` (the same dir twice = a restart)
 * and a real job queue: the database one, or BullMQ on TEST_REDIS_URL under `queueName`.
 */
export async function startJobsApp(options: {
  dataDir: string;
  /** SQLite in dataDir by default. */
  database?: DatabaseConfig;
  queue: QueueKind;
  queueName?: string;
  connections: JobsConnections;
  clock?: Clock;
  campaigns?: Partial<CampaignsOptions>;
  jobs?: Partial<JobsConfig>;
}): Promise<JobsTestApp> {
  const jobsConfig: Partial<JobsConfig> = {
    pollMs: 20,
    drainMs: 5000,
    leaseMs: 5000,
    ...(options.queue === 'bullmq'
      ? { redisUrl: process.env.TEST_REDIS_URL!, queueName: options.queueName ?? `test-${randomUUID()}` }
      : { redisUrl: undefined }),
    ...options.jobs,
  };
  const module = await Test.createTestingModule({
    imports: [
      TestCoreModule.register(options.dataDir),
      TypeOrmModule.forRoot(
        dataSourceOptions(options.database ?? { type: 'sqlite', path: join(options.dataDir, 'db.sqlite') }),
      ),
      JobsModule.forRoot({
        connections: { useFactory: () => options.connections },
        config: jobsConfig,
        ...(options.clock ? { clock: options.clock } : {}),
      }),
      CampaignsModule.register({ tickMs: 20, ...options.campaigns }),
    ],
  }).compile();
  await module.init();
  return { module, close: () => module.close() };
}

/** Deletes a BullMQ test queue's keys. */
export async function dropBullQueue(queueName: string): Promise<void> {
  const redis = new Redis(process.env.TEST_REDIS_URL!);
  try {
    const keys = await redis.keys(`ivr:${queueName}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export type Scripted = 'answered' | 'busy' | 'noanswer' | 'failed';

/** A dialer whose numbers answer, ring out or fail as scripted; it records every dial. */
export class FakeDialer {
  readonly dials: { number: string; at: number }[] = [];
  readonly hungUp: string[] = [];
  constructor(
    private readonly script: (number: string) => Scripted,
    private readonly delayMs = 0,
  ) {}

  dial = async (request: DialRequest): Promise<DialOutcome> => {
    this.dials.push({ number: request.target.value, at: Date.now() });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const outcome = this.script(request.target.value);
    if (outcome !== 'answered') return { outcome, cause: outcome === 'busy' ? 'USER_BUSY' : outcome.toUpperCase() };
    const callId = randomUUID();
    const hangup = new AbortController();
    const port = {
      id: callId,
      hangup: async () => {
        this.hungUp.push(callId);
        hangup.abort();
      },
    } as unknown as CallPort;
    const call: CallLeg = {
      port,
      info: () => ({ id: callId, callerId: '100', destination: request.target.value }) as never,
      hangup: hangup.signal,
      variables: new Map(),
    };
    return { outcome: 'answered', callId, call };
  };

  count(number: string): number {
    return this.dials.filter((d) => d.number === number).length;
  }
}

/** A runner standing in for the engine: records each run and answers with `answer(request)`. */
export class FakeRunner {
  readonly runs: ScenarioRunRequest[] = [];
  constructor(
    private readonly answer: (request: ScenarioRunRequest) => ScenarioRunOutcome = () => ({
      status: 'completed',
      returns: {},
    }),
  ) {}

  run = async (request: ScenarioRunRequest): Promise<ScenarioRunOutcome> => {
    this.runs.push(request);
    return this.answer(request);
  };
}

export function connectionsOf(dialer: FakeDialer, runner: FakeRunner): JobsConnections {
  return { dialer: { dial: dialer.dial }, runner: runner.run };
}

/** Polls until `check` is true (or throws after `timeoutMs`). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
