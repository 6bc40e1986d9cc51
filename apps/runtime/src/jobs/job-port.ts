import type { CallbackRequest } from '@ivr/components';

/** The work that goes through the job queue. */
export const JOB_KINDS = ['service-run', 'callback-attempt', 'campaign-attempt'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What started a service scenario run (kept with the run for the log and the trace). */
export type ServiceRunSource = 'scenario' | 'api' | 'webhook' | 'schedule' | 'post-call' | 'campaign';

export interface ServiceRunPayload {
  scenarioId: string;
  args: Record<string, unknown>;
  source: ServiceRunSource;
  /** The run id the caller got back; the engine run uses it. */
  runId: string;
}

export interface CallbackAttemptPayload {
  callbackId: string;
  /** The attempt this job is for: a stale job (the attempt moved on) does nothing. */
  attemptNo: number;
}

export interface CampaignAttemptPayload {
  campaignId: string;
  contactId: string;
  attemptId: string;
}

export interface JobPayloads {
  'service-run': ServiceRunPayload;
  'callback-attempt': CallbackAttemptPayload;
  'campaign-attempt': CampaignAttemptPayload;
}

export interface EnqueueOptions {
  /**
   * The idempotency key: a job with this id that is already queued, running or finished is not
   * queued again. Random when absent.
   */
  jobId?: string;
  /** Not before this moment. */
  runAt?: Date;
  /** Tries when the handler throws (infrastructure errors); 1 = no retry. Default 3. */
  maxAttempts?: number;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** Fires when the queue shuts down past its drain timeout. */
  signal: AbortSignal;
}

export type JobHandler<K extends JobKind> = (payload: JobPayloads[K], context: JobContext) => Promise<void>;

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'unknown';

/**
 * The job port: one interface, two implementations (DatabaseJobQueue in-process, BullMqJobQueue on
 * Redis). Enqueueing resolves once the job is durably stored; handlers run at least once, so each
 * one is idempotent by its own records (the campaign attempt's compare-and-set, the callback's
 * attempt number).
 */
export interface JobPort {
  readonly name: 'database' | 'bullmq';
  enqueue<K extends JobKind>(kind: K, payload: JobPayloads[K], options?: EnqueueOptions): Promise<{ jobId: string }>;
  /** Removes a job that has not started; false when it is running, finished or unknown. */
  cancel(jobId: string): Promise<boolean>;
  state(jobId: string): Promise<JobState>;
  /** Registers the handler of a kind; call before start(). */
  handle<K extends JobKind>(kind: K, handler: JobHandler<K>): void;
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish for up to `drainMs`, then aborts them. */
  stop(drainMs?: number): Promise<void>;
  /** Whether the queue's store answers now (for /health); never throws. */
  reachable(): Promise<boolean>;
}

export const JOB_PORT = Symbol('JOB_PORT');

export type { CallbackRequest };
