import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { EnqueueOptions, JobHandler, JobKind, JobPayloads, JobPort, JobState } from './job-port.js';

export interface BullMqJobQueueOptions {
  /** Queue name; every runtime node of one installation uses the same. Default `ivr-jobs`. */
  queueName?: string;
  /** Redis key prefix. Default `ivr`. */
  prefix?: string;
  /** Jobs run at once on this node. Default 20. */
  concurrency?: number;
  /**
   * How long a running job's lock lasts without renewal (JOBS_LEASE_MS), and how often stalled jobs
   * are looked for: a killed node's jobs go back to the queue within about twice this. Default 30 s.
   */
  lockMs?: number;
  onError?: (message: string, error: unknown) => void;
}

/** BullMQ refuses `:` in custom ids except its own repeat format. */
const toBullId = (jobId: string) => jobId.replace(/:/g, '~');
const fromBullId = (jobId: string) => jobId.replace(/~/g, ':');

/**
 * The job port on BullMQ and Redis, for several runtime nodes: jobs live in Redis, any node's
 * worker takes them, BullMQ's locks and stalled-job check hand a dead node's jobs to another. The
 * custom job id makes enqueueing idempotent (completed jobs are kept a week for that).
 */
export class BullMqJobQueue implements JobPort {
  readonly name = 'bullmq' as const;

  async reachable(): Promise<boolean> {
    // A count is one round trip to Redis; a stalled connection is as bad as a refused one.
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000).unref());
    return Promise.race([
      this.queue.getJobCounts('wait').then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  }

  private readonly queueName: string;
  private readonly prefix: string;
  private readonly queueConnection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;
  private readonly handlers = new Map<JobKind, JobHandler<JobKind>>();
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly redisUrl: string,
    private readonly options: BullMqJobQueueOptions = {},
  ) {
    this.queueName = options.queueName ?? 'ivr-jobs';
    this.prefix = options.prefix ?? 'ivr';
    // BullMQ needs maxRetriesPerRequest null on its connections (blocking commands).
    this.queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(this.queueName, { connection: this.queueConnection, prefix: this.prefix });
    this.queue.on('error', (error) => options.onError?.('BullMQ queue error', error));
  }

  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    options: EnqueueOptions = {},
  ): Promise<{ jobId: string }> {
    const jobId = options.jobId ?? randomUUID();
    const delay = options.runAt ? Math.max(0, options.runAt.getTime() - Date.now()) : 0;
    await this.queue.add(kind, payload, {
      jobId: toBullId(jobId),
      delay,
      attempts: options.maxAttempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400 },
    });
    return { jobId };
  }

  async cancel(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(toBullId(jobId));
    if (!job) return false;
    const state = await job.getState();
    if (state !== 'delayed' && state !== 'waiting' && state !== 'prioritized') return false;
    await job.remove();
    return true;
  }

  async state(jobId: string): Promise<JobState> {
    const job = await this.queue.getJob(toBullId(jobId));
    if (!job) return 'unknown';
    const state = await job.getState();
    switch (state) {
      case 'completed':
        return 'done';
      case 'failed':
        return 'failed';
      case 'active':
        return 'running';
      case 'delayed':
      case 'waiting':
      case 'waiting-children':
      case 'prioritized':
        return 'queued';
      default:
        return 'unknown';
    }
  }

  handle<K extends JobKind>(kind: K, handler: JobHandler<K>): void {
    this.handlers.set(kind, handler as unknown as JobHandler<JobKind>);
  }

  async start(): Promise<void> {
    if (this.worker) return;
    this.workerConnection = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.worker = new Worker(this.queueName, (job: Job) => this.process(job), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: this.options.concurrency ?? 20,
      lockDuration: this.options.lockMs ?? 30_000,
      stalledInterval: this.options.lockMs ?? 30_000,
    });
    this.worker.on('error', (error) => this.options.onError?.('BullMQ worker error', error));
    this.worker.on('failed', (job, error) =>
      this.options.onError?.(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed`, error),
    );
    await this.worker.waitUntilReady();
  }

  async stop(drainMs = 10_000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      let timer: NodeJS.Timeout | undefined;
      const closing = worker.close();
      const timedOut = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), drainMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        for (const controller of this.running) controller.abort(new Error('job queue stopped'));
        await worker.close(true);
      }
    }
    await this.queue.close();
    await Promise.allSettled([this.queueConnection.quit(), this.workerConnection?.quit()]);
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name as JobKind);
    if (!handler) throw new Error(`no handler for job kind ${job.name}`);
    const controller = new AbortController();
    this.running.add(controller);
    try {
      await handler(job.data as never, {
        jobId: fromBullId(job.id ?? ''),
        attempt: job.attemptsMade + 1,
        signal: controller.signal,
      });
    } finally {
      this.running.delete(controller);
    }
  }
}
