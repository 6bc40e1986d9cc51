import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { Repository } from 'typeorm';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { CallbacksService } from './callbacks.service.js';
import { JOB_PORT, type JobPort, type ServiceRunSource } from './job-port.js';
import type { Clock } from './clock.js';
import { JOBS_CLOCK, JOBS_CONNECTIONS, type JobsConnections } from './scenario-runner.js';
import { ServiceTriggerEntity } from './service-trigger.entity.js';
import { missedCallSettings } from './trigger-settings.js';

/** The call record a post-call ("content processing") scenario receives as its `call` parameter. */
export interface EndedCall {
  callId: string;
  direction: 'inbound' | 'outbound';
  caller: string | null;
  /** The number dialed (inbound) or called (outbound). */
  dialed: string | null;
  /** True when the caller was bridged to someone (an agent, a transfer target). */
  bridged: boolean;
  answered: boolean;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  /** Whole call, and talk time after answer, in seconds. */
  durationSeconds: number;
  talkSeconds: number;
  /** How the run ended: completed, hangup, error... and the scenario's own `end` result. */
  result: string | null;
  hangupCause: string | null;
  scenarioId: string | null;
}

/**
 * Service scenario runs through the job queue: from another scenario (start-service), the REST API,
 * webhooks, schedules, and after every call (post-call processing). Each run is one job; a run is
 * not retried by the queue once it started (its steps may have side effects).
 */
@Injectable()
export class ServiceRunsService {
  private readonly log: Logger;

  constructor(
    @Inject(JOB_PORT) private readonly jobs: JobPort,
    @Inject(JOBS_CONNECTIONS) private readonly connections: JobsConnections,
    @Inject(CallbacksService) private readonly callbacks: CallbacksService,
    @InjectRepository(ServiceTriggerEntity) private readonly triggers: Repository<ServiceTriggerEntity>,
    @Inject(JOBS_CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ module: 'jobs' });
    jobs.handle('service-run', async (payload, context) => {
      const outcome = await this.connections.runner({
        scenarioId: payload.scenarioId,
        args: payload.args,
        runId: payload.runId,
        signal: context.signal,
      });
      this.log.info(
        { scenarioId: payload.scenarioId, runId: payload.runId, source: payload.source, status: outcome.status },
        'service scenario run ended',
      );
    });
  }

  /** Queues a run; resolves with its run id once the job is stored. `key` makes it idempotent. */
  async start(
    scenarioId: string,
    args: Record<string, unknown>,
    source: ServiceRunSource,
    options: { delayMs?: number; key?: string } = {},
  ): Promise<{ runId: string; jobId: string }> {
    const runId = randomUUID();
    const { jobId } = await this.jobs.enqueue(
      'service-run',
      { scenarioId, args, source, runId },
      {
        jobId: options.key ?? `run:${runId}`,
        maxAttempts: 1,
        ...(options.delayMs ? { runAt: new Date(this.clock.now().getTime() + options.delayMs) } : {}),
      },
    );
    return { runId, jobId };
  }

  /**
   * Call this when a call has ended (the lead wires it to the CDR writer): starts every post-call
   * scenario with the call record, and applies the missed-call callback rules.
   */
  async onCallEnded(call: EndedCall): Promise<void> {
    const triggers = await this.triggers.find({ where: { enabled: true } });
    for (const trigger of triggers) {
      if (trigger.type === 'post-call') {
        await this.start(trigger.scenarioId, { call: { ...call } }, 'post-call', {
          key: `post-call:${trigger.id}:${call.callId}`,
        });
      } else if (trigger.type === 'missed-call') {
        const rule = missedCallSettings.safeParse(trigger.settings);
        if (!rule.success) {
          this.log.warn({ triggerId: trigger.id }, 'missed-call rule has invalid settings; skipped');
          continue;
        }
        const settings = rule.data;
        const missed = call.direction === 'inbound' && !call.bridged && call.caller;
        if (!missed) continue;
        if (settings.numbers.length > 0 && !settings.numbers.includes(call.dialed ?? '')) continue;
        await this.callbacks.schedule(
          {
            target: { type: 'number', value: call.caller! },
            scenario: trigger.scenarioId,
            args: { missedCall: { ...call } },
            delayMs: settings.delaySeconds * 1000,
            attempts: settings.attempts,
            retryIntervalMs: settings.retryIntervalSeconds * 1000,
            ringTimeoutMs: settings.ringTimeoutSeconds * 1000,
            ...(settings.callerId ? { callerId: { number: settings.callerId } } : {}),
            ...(settings.window ? { window: settings.window } : {}),
          },
          'missed-call',
        );
      }
    }
  }
}
