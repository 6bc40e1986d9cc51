import { z } from 'zod';

/** From the environment: REDIS_URL selects BullMQ; the rest tune the in-process queue and ticks. */
export interface JobsConfig {
  redisUrl?: string;
  /** BullMQ queue name and key prefix (JOBS_QUEUE, default ivr-jobs). */
  queueName: string;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  /** How often cron schedules are checked. */
  scheduleTickMs: number;
  /** How long a shutdown waits for running jobs before it aborts them. */
  drainMs: number;
}

const schema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  JOBS_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('ivr-jobs'),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  JOBS_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  JOBS_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
});

/** Throws naming the variable on a bad value, so start-up stops with a clear message. */
export function loadJobsConfig(env: NodeJS.ProcessEnv): JobsConfig {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    queueName: e.JOBS_QUEUE,
    concurrency: e.JOBS_CONCURRENCY,
    pollMs: e.JOBS_POLL_MS,
    leaseMs: e.JOBS_LEASE_MS,
    scheduleTickMs: 15_000,
    drainMs: e.JOBS_DRAIN_MS,
  };
}
