import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CallbackRequest, DialTarget } from '@ivr/components';
import type { Logger } from 'pino';
import { In, Repository } from 'typeorm';
import type { JsonObject } from '../database/json-text.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { CallbackEntity, type CallbackStatus } from './callback.entity.js';
import type { Clock } from './clock.js';
import { JOB_PORT, type JobContext, type JobPort } from './job-port.js';
import { JOBS_CLOCK, JOBS_CONNECTIONS, type JobsConnections } from './scenario-runner.js';
import { nextOpening, type CallingCalendar, type CallWindow } from './time-window.js';

interface StoredRequest {
  target: DialTarget;
  args: Record<string, unknown>;
  ringTimeoutMs: number;
  callerId?: { number?: string; name?: string };
  window?: CallWindow;
}

const OPEN: CallbackStatus[] = ['pending', 'dialing'];

/** Digits, * # and a leading +: what makes two requests "the same number". */
export function callbackNumber(target: DialTarget): string {
  return target.value.replace(/[\s().-]/g, '');
}

/**
 * Callbacks: a call placed later to a number, with attempts, a retry interval and a calling window;
 * when answered the chosen IVR scenario runs on the answered leg. Asked for by a scenario (the
 * callback component), a missed-call rule or the API. One open callback per number: a second
 * request while one is pending returns the first.
 */
@Injectable()
export class CallbacksService {
  private readonly log: Logger;

  constructor(
    @InjectRepository(CallbackEntity) private readonly callbacks: Repository<CallbackEntity>,
    @Inject(JOB_PORT) private readonly jobs: JobPort,
    @Inject(JOBS_CONNECTIONS) private readonly connections: JobsConnections,
    @Inject(JOBS_CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ module: 'callbacks' });
    jobs.handle('callback-attempt', (payload, context) => this.attempt(payload.callbackId, payload.attemptNo, context));
  }

  async schedule(
    request: CallbackRequest,
    source: CallbackEntity['source'],
  ): Promise<{ jobId: string; callbackId: string; deduplicated: boolean }> {
    const number = callbackNumber(request.target);
    const existing = await this.callbacks.findOneBy({ dedupeKey: number });
    if (existing) return { jobId: existing.id, callbackId: existing.id, deduplicated: true };
    const id = randomUUID();
    const now = this.clock.now();
    const stored: StoredRequest = {
      target: request.target,
      args: { ...request.args },
      ringTimeoutMs: request.ringTimeoutMs,
      ...(request.callerId ? { callerId: request.callerId } : {}),
      ...(request.window ? { window: request.window } : {}),
    };
    const first = this.when(stored, new Date(now.getTime() + request.delayMs));
    try {
      await this.callbacks.insert({
        id,
        number,
        dedupeKey: number,
        source,
        scenarioId: request.scenario,
        request: stored as unknown as JsonObject,
        status: 'pending',
        attemptsMade: 0,
        maxAttempts: request.attempts,
        retryIntervalMs: request.retryIntervalMs,
        nextAttemptAt: first.toISOString(),
        lastCause: null,
        result: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another node stored one for the number at the same moment: join it.
      const winner = await this.callbacks.findOneByOrFail({ dedupeKey: number });
      return { jobId: winner.id, callbackId: winner.id, deduplicated: true };
    }
    await this.enqueue(id, 1, first);
    return { jobId: id, callbackId: id, deduplicated: false };
  }

  list(status?: CallbackStatus): Promise<CallbackEntity[]> {
    return this.callbacks.find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  async get(id: string): Promise<CallbackEntity> {
    const callback = await this.callbacks.findOneBy({ id });
    if (!callback) throw new NotFoundException(`No callback ${id}`);
    return callback;
  }

  async cancel(id: string): Promise<CallbackEntity> {
    await this.get(id);
    await this.callbacks.update(
      { id, status: In(OPEN) },
      { status: 'cancelled', dedupeKey: `closed:${id}`, updatedAt: this.clock.now().toISOString() },
    );
    return this.get(id);
  }

  private when(request: StoredRequest, earliest: Date): Date {
    if (!request.window) return earliest;
    const calendar: CallingCalendar = { windows: [request.window] };
    return nextOpening(calendar, earliest) ?? earliest;
  }

  private async enqueue(id: string, attemptNo: number, at: Date): Promise<void> {
    await this.jobs.enqueue(
      'callback-attempt',
      { callbackId: id, attemptNo },
      { jobId: `callback:${id}:${attemptNo}:${at.getTime()}`, runAt: at },
    );
  }

  private async attempt(id: string, attemptNo: number, context: JobContext): Promise<void> {
    const callback = await this.callbacks.findOneBy({ id });
    if (!callback) return;
    const request = callback.request as unknown as StoredRequest;
    const now = this.clock.now();
    if (callback.status === 'dialing' && callback.attemptsMade === attemptNo && context.attempt > 1) {
      // The node dialing this attempt died mid-call: the attempt counts, it is not placed again.
      await this.afterFailure(callback, 'interrupted', now);
      return;
    }
    if (callback.status !== 'pending' || callback.attemptsMade !== attemptNo - 1) return; // stale job
    const opening = this.when(request, now);
    if (opening.getTime() > now.getTime()) {
      // Outside the window (a retry landed at night): wait for the next opening.
      await this.callbacks.update({ id }, { nextAttemptAt: opening.toISOString(), updatedAt: now.toISOString() });
      await this.enqueue(id, attemptNo, opening);
      return;
    }
    const claimed = await this.callbacks.update(
      { id, status: 'pending', attemptsMade: attemptNo - 1 },
      { status: 'dialing', attemptsMade: attemptNo, updatedAt: now.toISOString() },
    );
    if ((claimed.affected ?? 0) !== 1) return;
    callback.attemptsMade = attemptNo;
    const dialed = await this.connections.dialer
      .dial({
        target: request.target,
        ringTimeoutMs: request.ringTimeoutMs,
        ...(request.callerId ? { callerId: request.callerId } : {}),
        signal: context.signal,
      })
      .catch((error: unknown) => ({ outcome: 'failed' as const, cause: (error as Error).message.slice(0, 64) }));
    if (dialed.outcome !== 'answered') {
      await this.afterFailure(callback, dialed.cause || dialed.outcome, this.clock.now());
      return;
    }
    let result: string;
    try {
      const run = await this.connections.runner({
        scenarioId: callback.scenarioId,
        args: { ...request.args, callback: { id, attempt: attemptNo, number: callback.number } },
        call: dialed.call,
        signal: context.signal,
      });
      result = run.result ?? run.status;
    } catch (error) {
      result = 'error';
      this.log.error({ callbackId: id, err: error }, 'callback scenario failed');
    }
    await this.callbacks.update(
      { id },
      {
        status: 'answered',
        result: result.slice(0, 200),
        lastCause: 'answered',
        dedupeKey: `closed:${id}`,
        updatedAt: this.clock.now().toISOString(),
      },
    );
  }

  private async afterFailure(callback: CallbackEntity, cause: string, now: Date): Promise<void> {
    const request = callback.request as unknown as StoredRequest;
    if (callback.attemptsMade >= callback.maxAttempts) {
      await this.callbacks.update(
        { id: callback.id },
        {
          status: 'failed',
          lastCause: cause.slice(0, 64),
          dedupeKey: `closed:${callback.id}`,
          updatedAt: now.toISOString(),
        },
      );
      return;
    }
    const next = this.when(request, new Date(now.getTime() + callback.retryIntervalMs));
    await this.callbacks.update(
      { id: callback.id },
      {
        status: 'pending',
        lastCause: cause.slice(0, 64),
        nextAttemptAt: next.toISOString(),
        updatedAt: now.toISOString(),
      },
    );
    await this.enqueue(callback.id, callback.attemptsMade + 1, next);
  }
}
