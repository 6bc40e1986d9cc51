import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { diskStorage } from 'multer';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { Clock } from '../jobs/clock.js';
import { JOB_PORT, type JobPort } from '../jobs/job-port.js';
import { JOBS_CONFIG } from '../jobs/jobs-lifecycle.js';
import type { JobsConfig } from '../jobs/jobs-config.js';
import { JOBS_CLOCK, JOBS_CONNECTIONS, type JobsConnections } from '../jobs/scenario-runner.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { CampaignAttemptEntity } from './campaign-attempt.entity.js';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import { CampaignDialer } from './campaign-dialer.js';
import { CampaignEntity } from './campaign.entity.js';
import { CampaignsController, DoNotCallController } from './campaigns.controller.js';
import { CAMPAIGNS_OPTIONS, CampaignsService, type CampaignsOptions } from './campaigns.service.js';
import { DoNotCallEntity } from './do-not-call.entity.js';

function positive(env: string | undefined, fallback: number, name: string): number {
  if (env === undefined || env === '') return fallback;
  const value = Number(env);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: must be a positive whole number`);
  return value;
}

/** Runs the dispatcher while the app is up. */
@Injectable()
export class CampaignsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(CampaignDialer) private readonly dialer: CampaignDialer) {}
  onApplicationBootstrap(): void {
    this.dialer.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.dialer.stop();
  }
}

/**
 * Campaigns over the jobs module (import it too: JobsModule.forRoot). REST under /api/campaigns.
 * Options default from the environment: CAMPAIGN_MAX_ROWS, CAMPAIGN_MAX_UPLOAD_BYTES.
 */
@Module({})
export class CampaignsModule {
  static register(overrides: Partial<CampaignsOptions> & { clock?: Clock } = {}): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [
        TypeOrmModule.forFeature([CampaignEntity, CampaignContactEntity, CampaignAttemptEntity, DoNotCallEntity]),
        MulterModule.registerAsync({
          inject: [RUNTIME_CONFIG],
          useFactory: (config: RuntimeConfig) => {
            const options = campaignsOptions(config, overrides);
            return {
              storage: diskStorage({
                destination: join(options.dir, 'uploads'),
                filename: (_req, _file, done) => done(null, `${randomUUID()}.upload`),
              }),
              limits: { fileSize: options.maxUploadBytes, files: 1, fields: 5, fieldSize: 4096, parts: 8 },
            };
          },
        }),
      ],
      controllers: [DoNotCallController, CampaignsController],
      providers: [
        optionsProvider(overrides),
        CampaignsService,
        {
          provide: CampaignDialer,
          inject: [
            DataSource,
            JOB_PORT,
            JOBS_CONNECTIONS,
            JOBS_CLOCK,
            CAMPAIGNS_OPTIONS,
            ROOT_LOGGER,
            JOBS_CONFIG,
            RUNTIME_CONFIG,
          ],
          useFactory: (
            dataSource: DataSource,
            jobs: JobPort,
            connections: JobsConnections,
            clock: Clock,
            options: CampaignsOptions,
            logger: Logger,
            jobsConfig: JobsConfig,
            config: RuntimeConfig,
          ) => {
            const log = logger.child({ module: 'campaigns' });
            return new CampaignDialer(dataSource, jobs, connections, {
              // Unique per process (leases), readable per node (ESL_NODE_ID).
              nodeId: `${config.telephony.nodeId}-${randomUUID().slice(0, 8)}`.slice(0, 64),
              clock: overrides.clock ?? clock,
              // The dispatcher and dialing leases: a killed node's campaigns and attempts are taken over after it.
              leaseMs: jobsConfig.leaseMs,
              tickMs: options.tickMs,
              onError: (message, error) => log.warn({ err: error }, message),
            });
          },
        },
        CampaignsLifecycle,
      ],
      exports: [CampaignsService, CampaignDialer],
    };
  }
}

function campaignsOptions(config: RuntimeConfig, overrides: Partial<CampaignsOptions>): CampaignsOptions {
  return {
    dir: join(config.dataDir, 'campaigns'),
    maxRows: positive(process.env.CAMPAIGN_MAX_ROWS, 500_000, 'CAMPAIGN_MAX_ROWS'),
    maxUploadBytes: positive(process.env.CAMPAIGN_MAX_UPLOAD_BYTES, 100 * 1024 * 1024, 'CAMPAIGN_MAX_UPLOAD_BYTES'),
    tickMs: 100,
    ...overrides,
  };
}

function optionsProvider(overrides: Partial<CampaignsOptions>) {
  return {
    provide: CAMPAIGNS_OPTIONS,
    inject: [RUNTIME_CONFIG],
    useFactory: (config: RuntimeConfig): CampaignsOptions => campaignsOptions(config, overrides),
  };
}
