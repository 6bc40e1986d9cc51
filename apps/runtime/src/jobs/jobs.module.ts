import { Global, Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { CallbackEntity } from './callback.entity.js';
import { CallbacksService } from './callbacks.service.js';
import { systemClock, type Clock } from './clock.js';
import { DatabaseJobQueue } from './database-job-queue.js';
import { JOB_PORT, type JobPort } from './job-port.js';
import { JobStarts } from './job-starts.js';
import { JobEntity } from './job.entity.js';
import { loadJobsConfig, type JobsConfig } from './jobs-config.js';
import { JobsController, WebhooksController } from './jobs.controller.js';
import { JOBS_CONFIG, JobsLifecycle, JobsWiring, SwitchableConnections } from './jobs-lifecycle.js';
import { SchedulesService } from './schedules.service.js';
import { JOBS_CLOCK, JOBS_CONNECTIONS, unconnected, type JobsConnections } from './scenario-runner.js';
import { ServiceRunsService } from './service-runs.service.js';
import { ServiceScheduleEntity } from './service-schedule.entity.js';
import { ServiceTriggerEntity } from './service-trigger.entity.js';
import { TriggersService } from './triggers.service.js';

export interface JobsModuleOptions {
  /**
   * The engine runner and the dialer, when they can be built from providers here; otherwise call
   * `app.get(JobsWiring).connect({ runner, dialer })` after the engine exists. Workers start only once
   * connected, so no job runs against a missing engine.
   */
  connections?: {
    imports?: ModuleMetadata['imports'];
    inject?: InjectionToken[];
    useFactory: (...deps: never[]) => JobsConnections | Promise<JobsConnections>;
  };
  /** Overrides of the environment (tests). */
  config?: Partial<JobsConfig>;
  clock?: Clock;
}

/**
 * Jobs: the job port (in-process on the database, or BullMQ when REDIS_URL is set), service
 * scenario runs, schedules, webhook / post-call / missed-call triggers, callbacks, and the engine's
 * DurableStarts (JobStarts). Global: the campaigns module and the engine wiring use its exports.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions = {}): DynamicModule {
    const exported = [
      JOB_PORT,
      JOBS_CONNECTIONS,
      JOBS_CLOCK,
      JOBS_CONFIG,
      ServiceRunsService,
      CallbacksService,
      JobStarts,
      JobsWiring,
    ];
    return {
      module: JobsModule,
      imports: [
        TypeOrmModule.forFeature([JobEntity, ServiceScheduleEntity, ServiceTriggerEntity, CallbackEntity]),
        ...(options.connections?.imports ?? []),
      ],
      controllers: [JobsController, WebhooksController],
      providers: [
        {
          provide: JOBS_CONFIG,
          useFactory: (): JobsConfig => ({ ...loadJobsConfig(process.env), ...options.config }),
        },
        { provide: JOBS_CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: JOBS_CONNECTIONS,
          inject: options.connections?.inject ?? [],
          useFactory: async (...deps: never[]) => {
            const holder = new SwitchableConnections(unconnected);
            if (options.connections) holder.set(await options.connections.useFactory(...deps));
            return holder;
          },
        },
        {
          provide: JOB_PORT,
          inject: [DataSource, JOBS_CONFIG, JOBS_CLOCK, ROOT_LOGGER],
          useFactory: (dataSource: DataSource, config: JobsConfig, clock: Clock, logger: Logger): JobPort => {
            const log = logger.child({ module: 'jobs' });
            const onError = (message: string, error: unknown) => log.warn({ err: error }, message);
            if (config.redisUrl)
              return new BullMqJobQueue(config.redisUrl, {
                queueName: config.queueName,
                concurrency: config.concurrency,
                lockMs: config.leaseMs,
                onError,
              });
            return new DatabaseJobQueue(dataSource, {
              pollMs: config.pollMs,
              leaseMs: config.leaseMs,
              concurrency: config.concurrency,
              clock,
              onError,
            });
          },
        },
        CallbacksService,
        ServiceRunsService,
        SchedulesService,
        TriggersService,
        JobStarts,
        JobsLifecycle,
        JobsWiring,
      ],
      exports: exported,
    };
  }
}
