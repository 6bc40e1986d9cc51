import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { TelephonyService } from '../telephony/telephony-service.js';
import type { ClusterConfig } from './cluster-config.js';
import { DatabaseGlobals } from './database-globals.js';

export const CLUSTER_CONFIG = Symbol('CLUSTER_CONFIG');

/**
 * Graceful shutdown of one node: before the jobs drain and the engine stops, new inbound calls are
 * refused and the calls in progress may finish (CALL_DRAIN_MS); then the global variable writes
 * still pending are flushed.
 */
@Injectable()
export class ClusterLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(TelephonyService) private readonly telephony: TelephonyService,
    @Inject(DatabaseGlobals) private readonly globals: DatabaseGlobals,
    @Inject(CLUSTER_CONFIG) private readonly config: ClusterConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const calls = this.telephony.legs.size;
    if (calls > 0) this.logger.info({ calls, drainMs: this.config.callDrainMs }, 'draining calls before shutdown');
    const left = await this.telephony.drain(this.config.callDrainMs);
    if (left > 0) this.logger.warn({ calls: left }, 'calls still up after CALL_DRAIN_MS: they are cut');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.globals.stop();
  }
}
