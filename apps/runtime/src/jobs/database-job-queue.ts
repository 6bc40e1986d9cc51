import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { JsonObject } from '../database/json-text.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { systemClock, type Clock } from './clock.js';
import { JobEntity } from './job.entity.js';
import type { EnqueueOptions, JobHandler, JobKind, JobPayloads, JobPort, JobState } from './job-port.js';

export interface DatabaseJobQueueOptions {
  /** How often idle workers look for due jobs. Default 250 ms. */
  pollMs?: number;
  /** How long a claim holds without renewal; a dead node's jobs are taken again after it. Default 30 s. */
  leaseMs?: number;
  /** Jobs run at once on this node. Default 20. */
  concurrency?: number;
  /** This node's name in leases. */
  nodeId?: string;
  clock?: Clock;
  onError?: (message: string, error: unknown) => void;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The embedded job queue: jobs are rows of the runtime's database, so they survive a restart. A
 * worker claims a due job by compare-and-set (status and lease in the WHERE clause), renews its
 * lease while the handler runs, and marks it done or failed; a job whose lease ran out (its node
 * died) is claimed again while it has tries left (maxAttempts counts starts), else it fails as
 * interrupted. Works on one node or several sharing one database.
 */
export class DatabaseJobQueue implements JobPort {
  readonly name = 'database' as const;

  /** The jobs live in the runtime's database: /health reports that one separately. */
  async reachable(): Promise<boolean> {
    return true;
  }
  private readonly jobs: Repository<JobEntity>;
  private readonly handlers = new Map<JobKind, JobHandler<JobKind>>();
  private readonly running = new Map<string, Running>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly nodeId: string;
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private polling: Promise<void> | undefined;
  private pollAgain = false;

  constructor(
    dataSource: DataSource,
    private readonly options: DatabaseJobQueueOptions = {},
  ) {
    this.jobs = dataSource.getRepository(JobEntity);
    this.pollMs = options.pollMs ?? 250;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.concurrency = options.concurrency ?? 20;
    this.nodeId = options.nodeId ?? `node-${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? systemClock;
  }

  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    options: EnqueueOptions = {},
  ): Promise<{ jobId: string }> {
    const jobId = options.jobId ?? randomUUID();
    const now = this.clock.now().toISOString();
    try {
      await this.jobs.insert({
        id: jobId,
        kind,
        payload: payload as unknown as JsonObject,
        status: 'queued',
        runAt: (options.runAt ?? this.clock.now()).toISOString(),
        attempts: 0,
        maxAttempts: options.maxAttempts ?? 3,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      // Already queued (or done) under this key: enqueueing is idempotent.
      if (!isUniqueViolation(error)) throw error;
    }
    if (!options.runAt || options.runAt.getTime() <= this.clock.now().getTime()) this.wake();
    return { jobId };
  }

  async cancel(jobId: string): Promise<boolean> {
    const result = await this.jobs.update(
      { id: jobId, status: 'queued' },
      { status: 'cancelled', updatedAt: this.clock.now().toISOString() },
    );
    return (result.affected ?? 0) > 0;
  }

  async state(jobId: string): Promise<JobState> {
    const job = await this.jobs.findOne({ where: { id: jobId }, select: { id: true, status: true } });
    return job?.status ?? 'unknown';
  }

  handle<K extends JobKind>(kind: K, handler: JobHandler<K>): void {
    this.handlers.set(kind, handler as unknown as JobHandler<JobKind>);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  async stop(drainMs = 10_000): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.polling;
    const all = () => Promise.allSettled([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), drainMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      for (const run of this.running.values()) run.controller.abort(new Error('job queue stopped'));
      await all();
    }
  }

  /** Looks for due jobs now rather than at the next poll. */
  wake(): void {
    if (!this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((error) => this.options.onError?.('job poll failed', error))
        .finally(() => {
          this.polling = undefined;
          if (this.started) this.schedule(this.pollAgain ? 0 : this.pollMs);
          this.pollAgain = false;
        });
    }, ms);
  }

  private async poll(): Promise<void> {
    const free = this.concurrency - this.running.size;
    if (free <= 0 || this.handlers.size === 0) return;
    const now = this.clock.now().toISOString();
    const due = await this.jobs
      .createQueryBuilder('j')
      .select(['j.id', 'j.status', 'j.leaseUntil', 'j.attempts', 'j.maxAttempts'])
      .where('j.kind IN (:...kinds)', { kinds: [...this.handlers.keys()] })
      .andWhere("((j.status = 'queued' AND j.runAt <= :now) OR (j.status = 'running' AND j.leaseUntil < :now))", {
        now,
      })
      .orderBy('j.runAt', 'ASC')
      .take(free)
      .getMany();
    for (const candidate of due) {
      if (!this.started) return;
      if (candidate.status === 'running' && candidate.attempts >= candidate.maxAttempts) {
        // Its node died mid-run and it may not start again: it ends as failed, not run twice.
        await this.jobs.update(
          { id: candidate.id, status: 'running', leaseUntil: candidate.leaseUntil! },
          {
            status: 'failed',
            leaseOwner: null,
            leaseUntil: null,
            lastError: 'interrupted: its node stopped while running it',
            updatedAt: now,
          },
        );
        continue;
      }
      const claimed = await this.claim(candidate, now);
      if (claimed) this.run(claimed);
    }
  }

  private async claim(candidate: JobEntity, now: string): Promise<JobEntity | undefined> {
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    const qb = this.jobs
      .createQueryBuilder()
      .update(JobEntity)
      .set({
        status: 'running',
        leaseOwner: this.nodeId,
        leaseUntil,
        attempts: () => 'attempts + 1',
        updatedAt: now,
      })
      .where('id = :id', { id: candidate.id });
    if (candidate.status === 'queued') qb.andWhere("status = 'queued'");
    else qb.andWhere("status = 'running' AND lease_until = :was", { was: candidate.leaseUntil });
    const result = await qb.execute();
    if ((result.affected ?? 0) !== 1) return undefined;
    return (await this.jobs.findOneBy({ id: candidate.id })) ?? undefined;
  }

  private run(job: JobEntity): void {
    const controller = new AbortController();
    const handler = this.handlers.get(job.kind as JobKind)!;
    const heartbeat = setInterval(
      () => {
        void this.jobs
          .update(
            { id: job.id, leaseOwner: this.nodeId, status: 'running' },
            { leaseUntil: new Date(this.clock.now().getTime() + this.leaseMs).toISOString() },
          )
          .catch((error) => this.options.onError?.(`lease renewal of job ${job.id} failed`, error));
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    const done = (async () => {
      try {
        await handler(job.payload as never, { jobId: job.id, attempt: job.attempts, signal: controller.signal });
        await this.finish(job, { status: 'done', leaseOwner: null, leaseUntil: null, lastError: null });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.options.onError?.(`job ${job.id} (${job.kind}) failed on try ${job.attempts}`, error);
        const retry = job.attempts < job.maxAttempts && !controller.signal.aborted;
        const backoffMs = Math.min(60_000, 1000 * 2 ** (job.attempts - 1));
        await this.finish(job, {
          status: controller.signal.aborted ? 'queued' : retry ? 'queued' : 'failed',
          runAt: new Date(this.clock.now().getTime() + (retry ? backoffMs : 0)).toISOString(),
          leaseOwner: null,
          leaseUntil: null,
          lastError: message.slice(0, 2000),
        }).catch((e) => this.options.onError?.(`job ${job.id} could not be marked`, e));
      } finally {
        clearInterval(heartbeat);
        this.running.delete(job.id);
        this.wake();
      }
    })();
    this.running.set(job.id, { controller, done });
  }

  private async finish(job: JobEntity, changes: Partial<JobEntity>): Promise<void> {
    await this.jobs.update(
      { id: job.id, leaseOwner: this.nodeId },
      { ...changes, updatedAt: this.clock.now().toISOString() },
    );
  }
}
