import { randomUUID } from 'node:crypto';
import { In, LessThan, type DataSource, type Repository } from 'typeorm';
import type { JsonObject } from '../database/json-text.js';
import { systemClock, type Clock } from '../jobs/clock.js';
import type { CampaignAttemptPayload, JobContext, JobPort } from '../jobs/job-port.js';
import type { JobsConnections } from '../jobs/scenario-runner.js';
import { isOpen, type CallingCalendar } from '../jobs/time-window.js';
import { CampaignAttemptEntity } from './campaign-attempt.entity.js';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import { campaignSettings, type CampaignSettings } from './campaign-settings.js';
import { CampaignEntity } from './campaign.entity.js';

/** A token bucket per campaign: `rate` calls per second, bursting to at most one second's worth. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly clock: Clock) {}

  available(key: string, rate: number): number {
    const now = this.clock.now().getTime();
    const capacity = Math.max(1, rate);
    const bucket = this.buckets.get(key) ?? { tokens: Math.min(1, capacity), at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return Math.floor(bucket.tokens + 1e-9);
  }

  take(key: string, count: number): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens -= count;
  }
}

export interface AttemptOutcome {
  /** answered, busy, noanswer, failed, rejected, interrupted, error */
  outcome: string;
  cause?: string;
  /** The scenario's result when answered. */
  result?: string;
  returns?: Record<string, unknown>;
}

export interface CampaignDialerOptions {
  nodeId?: string;
  /** How often the dispatcher looks for contacts to dial. Default 100 ms. */
  tickMs?: number;
  /** Dispatcher and dialing leases. Default 30 s. */
  leaseMs?: number;
  clock?: Clock;
  onError?: (message: string, error: unknown) => void;
}

const ACTIVE_ATTEMPTS = ['queued', 'dialing'] as const;
const NOT_REACHED = new Set(['busy', 'noanswer', 'failed', 'rejected']);

/**
 * Dials campaigns. The dispatcher (one node per campaign, by lease) picks due contacts within the
 * concurrency and calls-per-second caps and the calling windows, claims each (contact to `active`,
 * attempt record `<contact>:<n>` inserted in one transaction) and queues a campaign-attempt job.
 * The job's worker moves the attempt from queued to dialing by compare-and-set - only then does it
 * dial - and records the outcome, the retry or the final result on the contact.
 */
export class CampaignDialer {
  private readonly campaigns: Repository<CampaignEntity>;
  private readonly contacts: Repository<CampaignContactEntity>;
  private readonly attempts: Repository<CampaignAttemptEntity>;
  readonly nodeId: string;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly limiter: RateLimiter;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private readonly zoneCache = new Map<string, { at: number; zones: (string | null)[] }>();
  private readonly recoveredAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobPort,
    private readonly connections: JobsConnections,
    private readonly options: CampaignDialerOptions = {},
  ) {
    this.campaigns = dataSource.getRepository(CampaignEntity);
    this.contacts = dataSource.getRepository(CampaignContactEntity);
    this.attempts = dataSource.getRepository(CampaignAttemptEntity);
    this.nodeId = options.nodeId ?? `node-${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.limiter = new RateLimiter(this.clock);
    jobs.handle('campaign-attempt', (payload, context) => this.runAttempt(payload, context));
  }

  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.timer = setTimeout(() => {
        void this.tick()
          .catch((error) => this.options.onError?.('campaign tick failed', error))
          .finally(() => {
            if (this.timer) loop();
          });
      }, this.options.tickMs ?? 100);
    };
    loop();
  }

  /** Stops dispatching and gives up this node's dispatcher leases; running attempts are the queue's. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => undefined);
    await this.campaigns.update({ dispatcherOwner: this.nodeId }, { dispatcherOwner: null, dispatcherUntil: null });
  }

  /** One dispatch round over the running campaigns; returns the attempts queued. */
  tick(): Promise<number> {
    this.ticking ??= this.dispatchAll().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async dispatchAll(): Promise<number> {
    const running = await this.campaigns.find({ where: { status: 'running' }, select: { id: true } });
    const now = this.clock.now();
    let queued = 0;
    for (const { id } of running) {
      if (!(await this.holdLease(id, now))) continue;
      const campaign = await this.campaigns.findOneBy({ id });
      if (!campaign || campaign.status !== 'running') continue;
      const settings = campaignSettings.parse(campaign.settings);
      // Recovery on taking the campaign, then every few seconds.
      const last = this.recoveredAt.get(id);
      if (last === undefined || now.getTime() - last >= Math.min(5000, this.leaseMs / 3)) {
        this.recoveredAt.set(id, now.getTime());
        await this.recover(campaign, settings, now);
      }
      queued += await this.dispatch(campaign, settings, now);
    }
    return queued;
  }

  private async holdLease(id: string, now: Date): Promise<boolean> {
    const result = await this.campaigns
      .createQueryBuilder()
      .update(CampaignEntity)
      .set({ dispatcherOwner: this.nodeId, dispatcherUntil: new Date(now.getTime() + this.leaseMs).toISOString() })
      .where('id = :id', { id })
      .andWhere("status = 'running'")
      .andWhere('(dispatcher_owner IS NULL OR dispatcher_owner = :me OR dispatcher_until < :now)', {
        me: this.nodeId,
        now: now.toISOString(),
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  private async dispatch(campaign: CampaignEntity, settings: CampaignSettings, now: Date): Promise<number> {
    const active = await this.attempts.count({ where: { campaignId: campaign.id, status: In([...ACTIVE_ATTEMPTS]) } });
    const slots = settings.concurrency - active;
    if (slots <= 0) return 0;
    const tokens = this.limiter.available(campaign.id, settings.callsPerSecond);
    const wanted = Math.min(slots, tokens);
    if (wanted <= 0) return 0;

    const calendar: CallingCalendar = {
      windows: settings.windows.map((w) => ({ ...w, timeZone: settings.timeZone })),
      holidays: settings.holidays,
    };
    const zones = await this.pendingZones(campaign.id, now);
    const open = zones.filter((zone) => isOpen(calendar, now, zone));
    if (open.length === 0) return await this.completeIfDone(campaign, now);
    const named = open.filter((z): z is string => z !== null);
    const qb = this.contacts
      .createQueryBuilder('c')
      .where('c.campaignId = :id', { id: campaign.id })
      .andWhere("c.status = 'pending'")
      .andWhere('(c.nextAttemptAt IS NULL OR c.nextAttemptAt <= :now)', { now: now.toISOString() });
    if (open.includes(null) && named.length > 0)
      qb.andWhere('(c.timeZone IS NULL OR c.timeZone IN (:...zones))', { zones: named });
    else if (open.includes(null)) qb.andWhere('c.timeZone IS NULL');
    else qb.andWhere('c.timeZone IN (:...zones)', { zones: named });
    const due = await qb.orderBy('c.rowNumber', 'ASC').limit(wanted).getMany();
    if (due.length === 0) return await this.completeIfDone(campaign, now);

    let queued = 0;
    for (const contact of due) {
      const attemptNo = contact.attempts + 1;
      const attemptId = `${contact.id}:${attemptNo}`;
      const claimed = await this.dataSource.transaction(async (manager) => {
        const result = await manager.update(
          CampaignContactEntity,
          { id: contact.id, status: 'pending', attempts: contact.attempts },
          { status: 'active', attempts: attemptNo, updatedAt: now.toISOString() },
        );
        if ((result.affected ?? 0) !== 1) return false;
        await manager.insert(CampaignAttemptEntity, {
          id: attemptId,
          campaignId: campaign.id,
          contactId: contact.id,
          attemptNo,
          status: 'queued',
          leaseOwner: null,
          leaseUntil: null,
          queuedAt: now.toISOString(),
          startedAt: null,
          endedAt: null,
          outcome: null,
          cause: null,
          result: null,
        });
        return true;
      });
      if (!claimed) continue;
      this.limiter.take(campaign.id, 1);
      queued += 1;
      await this.enqueue(campaign.id, contact.id, attemptId);
    }
    return queued;
  }

  private enqueue(campaignId: string, contactId: string, attemptId: string) {
    return this.jobs.enqueue(
      'campaign-attempt',
      { campaignId, contactId, attemptId },
      { jobId: `campaign:${attemptId}` },
    );
  }

  /** Time zones of the pending contacts (null: the campaign's), cached for a few seconds. */
  private async pendingZones(campaignId: string, now: Date): Promise<(string | null)[]> {
    const cached = this.zoneCache.get(campaignId);
    if (cached && now.getTime() - cached.at < 5000) return cached.zones;
    const rows = await this.contacts
      .createQueryBuilder('c')
      .select('DISTINCT c.timeZone', 'zone')
      .where('c.campaignId = :id', { id: campaignId })
      .andWhere("c.status = 'pending'")
      .getRawMany<{ zone: string | null }>();
    const zones = rows.map((r) => r.zone);
    this.zoneCache.set(campaignId, { at: now.getTime(), zones });
    return zones;
  }

  private async completeIfDone(campaign: CampaignEntity, now: Date): Promise<number> {
    const open = await this.contacts.count({ where: { campaignId: campaign.id, status: In(['pending', 'active']) } });
    if (open === 0) {
      await this.campaigns.update(
        { id: campaign.id, status: 'running' },
        { status: 'completed', finishedAt: now.toISOString(), updatedAt: now.toISOString(), dispatcherOwner: null },
      );
      this.zoneCache.delete(campaign.id);
    }
    return 0;
  }

  /**
   * After a crash: a dialing attempt whose lease ran out is over (outcome `interrupted`; retried only
   * if the retry matrix says so), and a queued attempt whose job may have been lost is queued again
   * (same job id: never twice).
   */
  private async recover(campaign: CampaignEntity, settings: CampaignSettings, now: Date): Promise<void> {
    const dead = await this.attempts.find({
      where: { campaignId: campaign.id, status: 'dialing', leaseUntil: LessThan(now.toISOString()) },
    });
    for (const attempt of dead)
      await this.record(
        attempt,
        settings,
        { outcome: 'interrupted', cause: 'node stopped while dialing' },
        attempt.leaseOwner,
      );
    const stale = await this.attempts.find({
      where: {
        campaignId: campaign.id,
        status: 'queued',
        queuedAt: LessThan(new Date(now.getTime() - this.leaseMs).toISOString()),
      },
    });
    for (const attempt of stale) await this.enqueue(campaign.id, attempt.contactId, attempt.id);
  }

  private async runAttempt(payload: CampaignAttemptPayload, context: JobContext): Promise<void> {
    const attempt = await this.attempts.findOneBy({ id: payload.attemptId });
    if (!attempt || attempt.status !== 'queued') return; // already dialed (or dialing) by someone: never twice
    const campaign = await this.campaigns.findOneBy({ id: payload.campaignId });
    if (!campaign || campaign.status !== 'running') {
      await this.unqueue(attempt);
      return;
    }
    const settings = campaignSettings.parse(campaign.settings);
    const startedAt = this.clock.now();
    const claimed = await this.attempts.update(
      { id: attempt.id, status: 'queued' },
      {
        status: 'dialing',
        leaseOwner: this.nodeId,
        leaseUntil: new Date(startedAt.getTime() + this.leaseMs).toISOString(),
        startedAt: startedAt.toISOString(),
      },
    );
    if ((claimed.affected ?? 0) !== 1) return;
    const heartbeat = setInterval(
      () => {
        void this.attempts
          .update(
            { id: attempt.id, status: 'dialing', leaseOwner: this.nodeId },
            { leaseUntil: new Date(this.clock.now().getTime() + this.leaseMs).toISOString() },
          )
          .catch((error) => this.options.onError?.('attempt lease renewal failed', error));
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    let outcome: AttemptOutcome;
    try {
      const contact = await this.contacts.findOneByOrFail({ id: attempt.contactId });
      outcome = await this.place(campaign, settings, contact, attempt, context.signal);
    } catch (error) {
      outcome = { outcome: 'error', cause: (error as Error).message };
    } finally {
      clearInterval(heartbeat);
    }
    await this.record(attempt, settings, outcome, this.nodeId);
  }

  private async place(
    campaign: CampaignEntity,
    settings: CampaignSettings,
    contact: CampaignContactEntity,
    attempt: CampaignAttemptEntity,
    signal: AbortSignal,
  ): Promise<AttemptOutcome> {
    const args = {
      ...contact.variables,
      phone: contact.phone,
      contact: {
        id: contact.id,
        externalId: contact.externalId,
        row: contact.rowNumber,
        attempt: attempt.attemptNo,
        campaignId: campaign.id,
      },
    };
    const summarize = (run: Awaited<ReturnType<JobsConnections['runner']>>): AttemptOutcome => ({
      outcome: 'answered',
      // A scenario's own `end` result; else how the run ended (`hangup`: the person hung up first).
      // `error`, not `failed`, for a run that broke: `failed` means not reached.
      result: run.result ?? (run.status === 'failed' ? 'error' : run.status),
      returns: run.returns,
      ...(run.reason ? { cause: run.reason } : {}),
    });
    if (settings.mode === 'service') {
      // The service scenario dials (dial component); its `end` result tells how it went.
      const run = await this.connections.runner({ scenarioId: settings.scenarioId, args, signal });
      if (run.result && NOT_REACHED.has(run.result)) return { outcome: run.result, cause: run.result };
      if (run.status === 'failed') return { outcome: 'error', cause: run.reason ?? 'scenario failed' };
      return summarize(run);
    }
    const dialed = await this.connections.dialer.dial({
      target: settings.gateway
        ? { type: 'gateway', value: contact.phone, gateway: settings.gateway }
        : { type: 'number', value: contact.phone },
      ringTimeoutMs: settings.ringTimeoutSeconds * 1000,
      ...(settings.callerId ? { callerId: { number: settings.callerId } } : {}),
      headers: { 'X-IVR-Campaign': campaign.id },
      signal,
    });
    if (dialed.outcome !== 'answered') return { outcome: dialed.outcome, cause: dialed.cause };
    try {
      return summarize(
        await this.connections.runner({ scenarioId: settings.scenarioId, args, call: dialed.call, signal }),
      );
    } finally {
      if (!dialed.call.hangup.aborted) await dialed.call.port.hangup('NORMAL_CLEARING').catch(() => undefined);
    }
  }

  /** The job ran for a campaign that is paused or stopped: the contact waits, the attempt is undone. */
  private async unqueue(attempt: CampaignAttemptEntity): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const removed = await manager.delete(CampaignAttemptEntity, { id: attempt.id, status: 'queued' });
      if ((removed.affected ?? 0) !== 1) return;
      await manager.update(
        CampaignContactEntity,
        { id: attempt.contactId, status: 'active', attempts: attempt.attemptNo },
        { status: 'pending', attempts: attempt.attemptNo - 1, updatedAt: this.clock.now().toISOString() },
      );
    });
  }

  /** Ends the attempt (if this node still owns it) and moves the contact on: done, retry, or failed. */
  private async record(
    attempt: CampaignAttemptEntity,
    settings: CampaignSettings,
    outcome: AttemptOutcome,
    owner: string | null,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const cause = (outcome.cause ?? outcome.outcome).slice(0, 64);
    await this.dataSource.transaction(async (manager) => {
      const ended = await manager.update(
        CampaignAttemptEntity,
        { id: attempt.id, status: 'dialing', ...(owner ? { leaseOwner: owner } : {}) },
        {
          status: 'ended',
          endedAt: now,
          outcome: outcome.outcome.slice(0, 32),
          cause,
          result: outcome.result?.slice(0, 200) ?? null,
          leaseOwner: null,
          leaseUntil: null,
        },
      );
      if ((ended.affected ?? 0) !== 1) return;
      let changes: Partial<CampaignContactEntity>;
      if (outcome.outcome === 'answered') {
        changes = {
          status: 'done',
          result: (outcome.result ?? 'completed').slice(0, 200),
          resultVariables: (outcome.returns ?? {}) as JsonObject,
          lastCause: 'answered',
          nextAttemptAt: null,
        };
      } else {
        const delay = settings.retry[outcome.outcome as keyof CampaignSettings['retry']];
        const retry = delay !== undefined && attempt.attemptNo < settings.maxAttempts;
        changes = retry
          ? {
              status: 'pending',
              lastCause: cause,
              nextAttemptAt: new Date(this.clock.now().getTime() + delay * 1000).toISOString(),
            }
          : { status: 'failed', result: 'failed', lastCause: cause, nextAttemptAt: null };
      }
      await manager.update(
        CampaignContactEntity,
        { id: attempt.contactId, status: 'active' },
        { ...changes, updatedAt: now },
      );
    });
  }
}
