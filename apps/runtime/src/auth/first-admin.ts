import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { ConfigError } from '../config/load-config.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { UsersService } from './users.service.js';

/** Creates the first admin from config when there are no users yet (first start). */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const { username, password, isDefaultPassword } = this.config.admin;
    if (isDefaultPassword && this.config.database.type !== 'sqlite') {
      throw new ConfigError(
        'Invalid configuration:\n  ADMIN_PASSWORD: required on the first start with DATABASE_URL (there are no users yet)',
      );
    }
    await this.users.create({ username, password, role: 'admin' });
    if (isDefaultPassword) {
      this.logger.warn(
        { username },
        '!!! The first admin was created with the DEFAULT PASSWORD "admin". Sign in and change it now, or set ADMIN_PASSWORD before the first start. !!!',
      );
    } else {
      this.logger.info({ username }, 'first admin created from ADMIN_USERNAME / ADMIN_PASSWORD');
    }
  }
}
