import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { JOB_PORT, type JobPort } from './job-port.js';
import type { JobsConfig } from './jobs-config.js';
import { SchedulesService } from './schedules.service.js';
import { JOBS_CONNECTIONS, type JobsConnections } from './scenario-runner.js';

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

/** The connections the jobs use, replaceable once (JobsWiring.connect) after the engine exists. */
export class SwitchableConnections implements JobsConnections {
  connected = false;
  constructor(private current: JobsConnections) {}
  runner: JobsConnections['runner'] = (request) => this.current.runner(request);
  dialer: JobsConnections['dialer'] = { dial: (request) => this.current.dialer.dial(request) };
  set(connections: JobsConnections): void {
    this.current = connections;
    this.connected = true;
  }
}

/**
 * Starts the queue's workers and the schedule ticker once the app is up and the engine and
 * telephony are connected; on shutdown stops the ticker, then lets running jobs finish (JOBS_DRAIN_MS).
 */
@Injectable()
export class JobsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private bootstrapped = false;
  private started = false;
  private ticker: NodeJS.Timeout | undefined;
  private readonly log: Logger;

  constructor(
    @Inject(JOB_PORT) private readonly jobs: JobPort,
    @Inject(JOBS_CONNECTIONS) private readonly connections: SwitchableConnections,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ module: 'jobs' });
  }

  /** The engine and the dialer, once they exist (see JobsWiring). Starts the workers if the app is up. */
  async connect(connections: JobsConnections): Promise<void> {
    this.connections.set(connections);
    await this.startIfReady();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.bootstrapped = true;
    await this.startIfReady();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.ticker);
    this.ticker = undefined;
    if (this.started) await this.jobs.stop(this.config.drainMs);
    else if (this.jobs.name === 'bullmq') await this.jobs.stop(0);
    this.started = false;
  }

  private async startIfReady(): Promise<void> {
    if (this.started || !this.bootstrapped || !this.connections.connected) return;
    this.started = true;
    await this.jobs.start();
    this.log.info({ queue: this.jobs.name }, 'job workers started');
    this.ticker = setInterval(() => {
      this.schedules.tick().catch((error: unknown) => this.log.error({ err: error }, 'schedule tick failed'));
    }, this.config.scheduleTickMs);
    this.ticker.unref();
  }
}

/** What the lead calls after building the engine: `app.get(JobsWiring).connect({ runner, dialer })`. */
@Injectable()
export class JobsWiring {
  constructor(@Inject(JobsLifecycle) private readonly lifecycle: JobsLifecycle) {}
  connect(connections: JobsConnections): Promise<void> {
    return this.lifecycle.connect(connections);
  }
}
