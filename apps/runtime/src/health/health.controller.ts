import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';

type CheckStatus = 'up' | 'down' | 'not-configured';

interface Check {
  status: CheckStatus;
  detail?: string;
}

/**
 * Liveness and readiness in one: 200 while the database answers, 503 when it does not. The
 * switch and the job queue report "not-configured" until their modules exist (telephony, jobs).
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = await this.database();
    const checks: Record<string, Check> = {
      database,
      switch: { status: 'not-configured', detail: 'telephony is not part of this build yet' },
      jobQueue: { status: 'not-configured', detail: 'the job queue is not part of this build yet' },
    };
    const status = database.status === 'up' ? 'ok' : 'error';
    response.status(status === 'ok' ? 200 : 503);
    return { status, checks };
  }

  private async database(): Promise<Check> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'up', detail: this.config.database.type };
    } catch (error) {
      return { status: 'down', detail: `${this.config.database.type}: ${(error as Error).message}` };
    }
  }
}
