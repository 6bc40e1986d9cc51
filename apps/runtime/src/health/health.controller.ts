import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { JOB_PORT, type JobPort } from '../jobs/job-port.js';
import { TelephonyService } from '../telephony/telephony-service.js';

type CheckStatus = 'up' | 'down' | 'not-configured';

interface Check {
  status: CheckStatus;
  detail?: string;
}

/**
 * Liveness and readiness in one: 200 while the database answers, 503 when it does not. The switch
 * is reported (with its capacity) but a switch that is down does not make the runtime unready:
 * it reconnects on its own, and the API stays useful meanwhile.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Optional() @Inject(TelephonyService) private readonly telephony?: TelephonyService,
    @Optional() @Inject(JOB_PORT) private readonly jobs?: JobPort,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = await this.database();
    const checks: Record<string, Check> = {
      database,
      switch: this.switchCheck(),
      jobQueue: await this.jobQueueCheck(database),
    };
    const status = database.status === 'up' ? 'ok' : 'error';
    response.status(status === 'ok' ? 200 : 503);
    return { status, checks };
  }

  /** Up when every configured switch (or the embedded emulator) has its control connection. */
  private switchCheck(): Check & { calls?: number; capacity?: unknown } {
    if (!this.telephony) return { status: 'not-configured', detail: 'telephony is not started' };
    const status = this.telephony.status();
    const down = status.switches.filter((s) => !s.connected).map((s) => s.id);
    return {
      status: status.switches.length > 0 && down.length === 0 ? 'up' : 'down',
      detail: down.length ? `${status.mode}: not connected to ${down.join(', ')}` : status.mode,
      calls: status.activeCalls,
      capacity: status.switches.map((s) => ({ id: s.id, ...(s.capacity ? { capacity: s.capacity } : {}) })),
    };
  }

  private async jobQueueCheck(database: Check): Promise<Check> {
    if (!this.jobs) return { status: 'not-configured', detail: 'no job queue in this build' };
    if (this.jobs.name === 'database') return { status: database.status, detail: 'database queue' };
    return (await this.jobs.reachable())
      ? { status: 'up', detail: 'bullmq on redis' }
      : { status: 'down', detail: 'bullmq: redis does not answer' };
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
