import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../database/data-source-options.js';
import type { JsonObject } from '../database/json-text.js';
import { ManualClock } from '../jobs/clock.js';
import type { JobHandler, JobKind, JobPayloads, JobPort } from '../jobs/job-port.js';
import { unconnected } from '../jobs/scenario-runner.js';
import { CampaignAttemptEntity } from './campaign-attempt.entity.js';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import { CampaignDialer } from './campaign-dialer.js';
import { campaignSettings } from './campaign-settings.js';
import { CampaignEntity } from './campaign.entity.js';

/** Records what is queued; runs nothing (the dispatcher is under test, not the dialing). */
class RecordingJobs implements JobPort {
  readonly name = 'database' as const;
  async reachable() {
    return true;
  }
  readonly queued: JobPayloads['campaign-attempt'][] = [];
  async enqueue<K extends JobKind>(_kind: K, payload: JobPayloads[K]) {
    this.queued.push(payload as JobPayloads['campaign-attempt']);
    return { jobId: randomUUID() };
  }
  async cancel() {
    return false;
  }
  async state() {
    return 'unknown' as const;
  }
  handler: JobHandler<'campaign-attempt'> | undefined;
  handle<K extends JobKind>(_kind: K, handler: JobHandler<K>) {
    this.handler = handler as unknown as JobHandler<'campaign-attempt'>;
  }
  async start() {}
  async stop() {}
}

describe('the campaign dispatcher', () => {
  let dir: string;
  let data: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-pacing-'));
    data = new DataSource(dataSourceOptions({ type: 'sqlite', path: join(dir, 'db.sqlite') }));
    await data.initialize();
  });
  afterEach(async () => {
    await data.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function campaignWith(settings: Record<string, unknown>, contacts: { phone: string; timeZone?: string }[]) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await data.getRepository(CampaignEntity).insert({
      id,
      name: 'Pacing',
      status: 'running',
      filePath: 'x.xlsx',
      originalName: 'x.xlsx',
      format: 'xlsx',
      mapping: { phone: 'Phone' } as JsonObject,
      settings: campaignSettings.parse({ scenarioId: 'notice', ...settings }) as JsonObject,
      report: null,
      dispatcherOwner: null,
      dispatcherUntil: null,
      createdBy: 'test',
      createdAt: now,
      updatedAt: now,
      startedAt: now,
      finishedAt: null,
    });
    const rows = contacts.map((c, i) => ({
      id: randomUUID(),
      campaignId: id,
      rowNumber: i + 2,
      phone: c.phone,
      externalId: null,
      timeZone: c.timeZone ?? null,
      variables: {},
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: null,
      lastCause: null,
      result: null,
      resultVariables: null,
      excludedReason: null,
      updatedAt: now,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await data.getRepository(CampaignContactEntity).insert(rows.slice(i, i + 100));
    return id;
  }

  it('holds the calls-per-second cap within 10 % over 30 s (controllable clock)', async () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const jobs = new RecordingJobs();
    const dialer = new CampaignDialer(data, jobs, unconnected, { clock });
    const cps = 5;
    await campaignWith(
      { callsPerSecond: cps, concurrency: 1000, windows: [{ from: '00:00', to: '00:00' }] },
      Array.from({ length: 400 }, (_, i) => ({ phone: `7916200${String(i).padStart(4, '0')}` })),
    );
    const start = clock.now().getTime();
    for (let t = 0; t < 30_000; t += 50) {
      await dialer.tick();
      clock.advance(50);
    }
    const attempts = await data.getRepository(CampaignAttemptEntity).find();
    expect(attempts).toHaveLength(jobs.queued.length);
    const expected = cps * 30;
    expect(attempts.length).toBeGreaterThanOrEqual(expected * 0.9);
    expect(attempts.length).toBeLessThanOrEqual(expected * 1.1);
    // And no second bursts past it: every whole second stays within 10 % (rounded up to whole calls).
    const perSecond = new Map<number, number>();
    for (const a of attempts) {
      const second = Math.floor((new Date(a.queuedAt).getTime() - start) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(Math.ceil(cps * 1.1));
  }, 60_000);

  it('keeps to the concurrency cap, the calling windows, holidays and each contact’s own time zone', async () => {
    // Monday 12:00 UTC: 13:00 in Berlin, 21:00 in Tokyo, 07:00 in New York.
    const clock = new ManualClock('2026-03-02T12:00:00Z');
    const jobs = new RecordingJobs();
    const dialer = new CampaignDialer(data, jobs, unconnected, { clock });
    const id = await campaignWith(
      {
        callsPerSecond: 100,
        concurrency: 2,
        timeZone: 'Europe/Berlin',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '20:00' }],
        holidays: ['2026-03-03'],
      },
      [
        { phone: '491700000001' },
        { phone: '81300000002', timeZone: 'Asia/Tokyo' },
        { phone: '12120000003', timeZone: 'America/New_York' },
        { phone: '491700000004', timeZone: 'Europe/Berlin' },
        { phone: '491700000005' },
      ],
    );
    await dialer.tick();
    clock.advance(1000);
    await dialer.tick();
    const phones = async () =>
      (await data.getRepository(CampaignContactEntity).find({ where: { campaignId: id, status: 'active' } }))
        .map((c) => c.phone)
        .sort();
    // Two at once (concurrency), Berlin only: Tokyo is past 20:00, New York before 09:00.
    expect(await phones()).toEqual(['491700000001', '491700000004']);
    clock.advance(1000);
    await dialer.tick();
    expect(jobs.queued).toHaveLength(2);

    // Free the slots; at 15:00 UTC New York is at 10:00 and opens.
    await data.getRepository(CampaignAttemptEntity).update({ campaignId: id }, { status: 'ended' });
    await data.getRepository(CampaignContactEntity).update({ campaignId: id, status: 'active' }, { status: 'done' });
    clock.set('2026-03-02T15:00:00Z');
    await dialer.tick();
    expect(await phones()).toEqual(['12120000003', '491700000005']);

    // Tuesday is a holiday: nobody, not even Tokyo in its morning.
    await data.getRepository(CampaignAttemptEntity).update({ campaignId: id }, { status: 'ended' });
    await data.getRepository(CampaignContactEntity).update({ campaignId: id, status: 'active' }, { status: 'done' });
    clock.set('2026-03-03T01:00:00Z');
    await dialer.tick();
    expect(await phones()).toEqual([]);
    // Wednesday 01:00 UTC is 10:00 in Tokyo.
    clock.set('2026-03-04T01:00:00Z');
    await dialer.tick();
    expect(await phones()).toEqual(['81300000002']);
  });

  it('undoes an attempt whose job runs after a pause, and dials it after the resume', async () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const jobs = new RecordingJobs();
    const dials: string[] = [];
    const dialer = new CampaignDialer(
      data,
      jobs,
      {
        ...unconnected,
        dialer: {
          dial: async (request) => {
            dials.push(request.target.value);
            return { outcome: 'busy', cause: 'USER_BUSY' };
          },
        },
      },
      { clock },
    );
    const id = await campaignWith({ windows: [{ from: '00:00', to: '00:00' }], maxAttempts: 1 }, [
      { phone: '79163000001' },
    ]);
    await dialer.tick();
    expect(jobs.queued).toHaveLength(1);
    const context = { jobId: 'j', attempt: 1, signal: new AbortController().signal };
    await data.getRepository(CampaignEntity).update({ id }, { status: 'paused' });
    await jobs.handler!(jobs.queued[0]!, context);
    expect(dials).toEqual([]);
    expect(await data.getRepository(CampaignAttemptEntity).count()).toBe(0);
    expect(await data.getRepository(CampaignContactEntity).findOneByOrFail({ campaignId: id })).toMatchObject({
      status: 'pending',
      attempts: 0,
    });

    await data.getRepository(CampaignEntity).update({ id }, { status: 'running' });
    clock.advance(1000);
    await dialer.tick();
    expect(jobs.queued).toHaveLength(2);
    expect(jobs.queued[1]!.attemptId).toBe(jobs.queued[0]!.attemptId);
    // The same job delivered twice dials once.
    await Promise.all([jobs.handler!(jobs.queued[1]!, context), jobs.handler!(jobs.queued[1]!, context)]);
    expect(dials).toEqual(['79163000001']);
    expect(await data.getRepository(CampaignContactEntity).findOneByOrFail({ campaignId: id })).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastCause: 'USER_BUSY',
    });
  });
});
