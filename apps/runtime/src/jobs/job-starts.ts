import { Inject, Injectable } from '@nestjs/common';
import type { CallbackRequest, ServiceStartRequest } from '@ivr/components';
import type { DurableStarts } from '../engine/index.js';
import { CallbacksService } from './callbacks.service.js';
import { ServiceRunsService } from './service-runs.service.js';

/** The engine's DurableStarts over the job queue: pass it as EngineDependencies.starts. */
@Injectable()
export class JobStarts implements DurableStarts {
  constructor(
    @Inject(ServiceRunsService) private readonly runs: ServiceRunsService,
    @Inject(CallbacksService) private readonly callbacks: CallbacksService,
  ) {}

  async startService(request: ServiceStartRequest): Promise<{ runId: string }> {
    const { runId } = await this.runs.start(request.scenario, { ...request.args }, 'scenario', {
      delayMs: request.delayMs,
    });
    return { runId };
  }

  async scheduleCallback(request: CallbackRequest): Promise<{ jobId: string }> {
    const { callbackId } = await this.callbacks.schedule(request, 'scenario');
    return { jobId: callbackId };
  }
}
