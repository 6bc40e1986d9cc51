import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../database/data-source-options.js';
import type { JsonObject } from '../database/json-text.js';
import { CallbackEntity } from './callback.entity.js';
import { CallbacksService } from './callbacks.service.js';
import { ManualClock } from './clock.js';
import { DatabaseJobQueue } from './database-job-queue.js';
import { JobStarts } from './job-starts.js';
import { JobEntity } from './job.entity.js';
import { SchedulesService } from './schedules.service.js';
import { ServiceRunsService } from './service-runs.service.js';
import {
  connectionsOf,
  dropBullQueue,
  eventually,
  FakeDialer,
  FakeRunner,
  startJobsApp,
  TEST_QUEUES,
  type JobsTestApp,
} from './testing.js';
import { isOpen, nextOpening } from './time-window.js';
import { TriggersService } from './triggers.service.js';

describe('calling windows', () => {
  const weekdays = {
    windows: [{ timeZone: 'Europe/Moscow', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '21:00' }],
  };

  it('opens by the local clock of the window, or of the contact', () => {
    expect(isOpen(weekdays, new Date('2026-03-02T06:00:00Z'))).toBe(true); // 09:00 Moscow, Monday
    expect(isOpen(weekdays, new Date('2026-03-02T05:59:00Z'))).toBe(false);
    expect(isOpen(weekdays, new Date('2026-03-02T06:00:00Z'), 'Asia/Vladivostok')).toBe(true); // 16:00 there
    expect(isOpen(weekdays, new Date('2026-03-02T12:00:00Z'), 'Asia/Vladivostok')).toBe(false); // 22:00 there
  });

  it('finds the next opening past nights, weekends and holidays', () => {
    // Friday 22:00 Moscow -> Monday 09:00; with Monday a holiday -> Tuesday 09:00.
    expect(nextOpening(weekdays, new Date('2026-03-06T19:00:00Z'))?.toISOString()).toBe('2026-03-09T06:00:00.000Z');
    expect(
      nextOpening({ ...weekdays, holidays: ['2026-03-09'] }, new Date('2026-03-06T19:00:00Z'))?.toISOString(),
    ).toBe('2026-03-10T06:00:00.000Z');
    // Across a DST change: New York moves to UTC-4 on 2026-03-08.
    const ny = { windows: [{ timeZone: 'America/New_York', days: ['mon'], from: '09:00', to: '17:00' }] };
    expect(nextOpening(ny, new Date('2026-03-06T12:00:00Z'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });
});

describe('the in-process job queue', () => {
  let dir: string;
  const sources: DataSource[] = [];
  const open = async () => {
    const data = new DataSource(dataSourceOptions({ type: 'sqlite', path: join(dir, 'db.sqlite') }));
    await data.initialize();
    sources.push(data);
    return data;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-queue-'));
  });
  afterEach(async () => {
    for (const data of sources.splice(0)) if (data.isInitialized) await data.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps jobs across a restart, runs each once, and takes over a dead node’s job when its lease ends (if it may start again)', async () => {
    const first = new DatabaseJobQueue(await open(), { pollMs: 10 });
    await first.enqueue('service-run', { scenarioId: 'a', args: {}, source: 'api', runId: 'r1' }, { jobId: 'job-1' });
    // Enqueueing the same key again stores nothing new.
    await first.enqueue('service-run', { scenarioId: 'a', args: {}, source: 'api', runId: 'r1' }, { jobId: 'job-1' });
    await first.stop();

    const data = await open();
    const now = new Date();
    // A job a dead node was running: its lease ran out a second ago.
    await data.getRepository(JobEntity).insert({
      id: 'job-2',
      kind: 'service-run',
      payload: { scenarioId: 'b', args: {}, source: 'api', runId: 'r2' } as JsonObject,
      status: 'running',
      runAt: now.toISOString(),
      attempts: 1,
      maxAttempts: 3,
      leaseOwner: 'dead-node',
      leaseUntil: new Date(now.getTime() - 1000).toISOString(),
      lastError: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    // One that may start only once (a service run): it is not run again, it fails as interrupted.
    await data.getRepository(JobEntity).insert({
      id: 'job-3',
      kind: 'service-run',
      payload: { scenarioId: 'c', args: {}, source: 'api', runId: 'r3' } as JsonObject,
      status: 'running',
      runAt: now.toISOString(),
      attempts: 1,
      maxAttempts: 1,
      leaseOwner: 'dead-node',
      leaseUntil: new Date(now.getTime() - 1000).toISOString(),
      lastError: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    const ran: string[] = [];
    const second = new DatabaseJobQueue(data, { pollMs: 10 });
    second.handle('service-run', async (payload) => {
      ran.push(payload.runId);
    });
    await second.start();
    await eventually(() => ran.length === 2, 10_000, 'both jobs');
    await second.stop();
    expect(ran.sort()).toEqual(['r1', 'r2']);
    expect(await second.state('job-1')).toBe('done');
    expect(await second.state('job-2')).toBe('done');
    expect(await second.state('job-3')).toBe('failed');
  });

  it('retries a failing handler up to maxAttempts, then marks it failed', async () => {
    const queue = new DatabaseJobQueue(await open(), { pollMs: 10 });
    let tries = 0;
    queue.handle('service-run', async () => {
      tries += 1;
      throw new Error('database down');
    });
    await queue.start();
    const { jobId } = await queue.enqueue(
      'service-run',
      { scenarioId: 'a', args: {}, source: 'api', runId: 'r' },
      { maxAttempts: 2 },
    );
    await eventually(async () => (await queue.state(jobId)) === 'failed', 10_000, 'failure');
    await queue.stop();
    expect(tries).toBe(2);
  });
});

describe.each(TEST_QUEUES)('service runs and callbacks on %s jobs', (queue) => {
  let app: JobsTestApp | undefined;
  let dir: string;
  const queueName = `test-jobs-${randomUUID()}`;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    if (queue === 'bullmq') await dropBullQueue(queueName);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts service scenarios from a scenario, the API, a webhook (token and HMAC), a schedule and after a call', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-jobs-'));
    const runner = new FakeRunner();
    app = await startJobsApp({
      dataDir: dir,
      queue,
      queueName,
      connections: connectionsOf(new FakeDialer(() => 'failed'), runner),
    });
    const starts = app.module.get(JobStarts);
    const runs = app.module.get(ServiceRunsService);
    const triggers = app.module.get(TriggersService);
    const schedules = app.module.get(SchedulesService);

    const { runId } = await starts.startService({ scenario: 'notify', args: { employee: '101' }, delayMs: 0 });
    await runs.start('report', { day: 'today' }, 'api');
    const tokenHook = await triggers.create({
      name: 'CRM',
      type: 'webhook',
      scenarioId: 'crm-hook',
      settings: { auth: 'token' },
      enabled: true,
    });
    await expect(triggers.fireWebhook(tokenHook.id, { body: {}, authorization: 'Bearer wrong' })).rejects.toThrow(
      /authentication failed/,
    );
    await triggers.fireWebhook(tokenHook.id, { body: { order: 7 }, authorization: `Bearer ${tokenHook.secret!}` });
    const hmacHook = await triggers.create({
      name: 'Shop',
      type: 'webhook',
      scenarioId: 'shop-hook',
      settings: { auth: 'hmac' },
      enabled: true,
    });
    const body = Buffer.from('{"paid":true}');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `sha256=${createHmac('sha256', hmacHook.secret!).update(`${timestamp}.`).update(body).digest('hex')}`;
    await expect(
      triggers.fireWebhook(hmacHook.id, {
        body: { paid: true },
        rawBody: Buffer.from('{"paid":false}'),
        signature,
        timestamp,
      }),
    ).rejects.toThrow(/authentication failed/);
    await triggers.fireWebhook(hmacHook.id, { body: { paid: true }, rawBody: body, signature, timestamp });
    expect((await triggers.list()).some((t) => 'secret' in t || 'sealedSecret' in t)).toBe(false);

    const schedule = await schedules.create({
      name: 'Nightly',
      scenarioId: 'nightly',
      cron: '* * * * * *',
      timeZone: 'UTC',
      args: {},
      enabled: true,
    });
    await eventually(
      async () => (await schedules.get(schedule.id)).nextRunAt! <= new Date().toISOString(),
      5000,
      'the occurrence',
    );
    expect(await schedules.tick()).toBe(1);
    await schedules.remove(schedule.id);

    await triggers.create({
      name: 'After call',
      type: 'post-call',
      scenarioId: 'content',
      settings: {},
      enabled: true,
    });
    const call = {
      callId: randomUUID(),
      direction: 'inbound' as const,
      caller: '79161234567',
      dialed: '4951112233',
      bridged: true,
      answered: true,
      startedAt: '2026-03-02T10:00:00.000Z',
      answeredAt: '2026-03-02T10:00:02.000Z',
      endedAt: '2026-03-02T10:01:00.000Z',
      durationSeconds: 60,
      talkSeconds: 58,
      result: 'completed',
      hangupCause: 'NORMAL_CLEARING',
      scenarioId: 'main',
    };
    await runs.onCallEnded(call);
    await runs.onCallEnded(call); // the same call reported twice runs its post-call scenario once

    await eventually(() => runner.runs.length >= 6, 15_000, 'six runs');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const byScenario = Object.fromEntries(runner.runs.map((r) => [r.scenarioId, r]));
    expect(runner.runs.map((r) => r.scenarioId).sort()).toEqual([
      'content',
      'crm-hook',
      'nightly',
      'notify',
      'report',
      'shop-hook',
    ]);
    expect(byScenario.notify).toMatchObject({ args: { employee: '101' }, runId });
    expect(byScenario['crm-hook']?.args).toEqual({ request: { order: 7 } });
    expect(byScenario['shop-hook']?.args).toEqual({ request: { paid: true } });
    expect(byScenario.content?.args).toEqual({ call });
  }, 60_000);
});

/** With a clock moved by hand: the in-process queue reads it for due times (BullMQ delays use real time). */
describe('callbacks', () => {
  let app: JobsTestApp | undefined;
  let dir: string;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls back: dedupes per number, waits for the window, retries, runs the IVR on the answered leg', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-callbacks-'));
    // Monday 03:00 UTC: the window (09:00-21:00 UTC) opens at 09:00.
    const clock = new ManualClock('2026-03-02T03:00:00Z');
    let answers = 0;
    const dialer = new FakeDialer(() => (answers++ === 0 ? 'noanswer' : 'answered'));
    const runner = new FakeRunner(() => ({ status: 'completed', result: 'greeted', returns: {} }));
    app = await startJobsApp({ dataDir: dir, queue: 'database', connections: connectionsOf(dialer, runner), clock });
    const callbacks = app.module.get(CallbacksService);
    const starts = app.module.get(JobStarts);
    const request = {
      target: { type: 'number' as const, value: '79161234567' },
      scenario: 'callback-greeting',
      args: { reason: 'missed' },
      delayMs: 60_000,
      attempts: 2,
      retryIntervalMs: 600_000,
      ringTimeoutMs: 20_000,
      window: { timeZone: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '21:00' },
    };
    const { jobId } = await starts.scheduleCallback(request);
    const again = await callbacks.schedule(
      { ...request, target: { type: 'number', value: '7916 123-45-67' } },
      'missed-call',
    );
    expect(again).toMatchObject({ callbackId: jobId, deduplicated: true });
    expect((await callbacks.get(jobId)).nextAttemptAt).toBe('2026-03-02T09:00:00.000Z');

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dialer.dials).toHaveLength(0); // night: nobody is called
    clock.set('2026-03-02T09:00:00Z');
    await eventually(() => dialer.dials.length === 1, 10_000, 'the first attempt');
    await eventually(async () => (await callbacks.get(jobId)).status === 'pending', 10_000, 'the retry');
    expect(await callbacks.get(jobId)).toMatchObject({
      attemptsMade: 1,
      lastCause: 'NOANSWER',
      nextAttemptAt: '2026-03-02T09:10:00.000Z',
    });
    clock.set('2026-03-02T09:10:00Z');
    await eventually(async () => (await callbacks.get(jobId)).status === 'answered', 10_000, 'the answer');
    expect(dialer.dials).toHaveLength(2);
    expect(runner.runs).toHaveLength(1);
    expect(runner.runs[0]).toMatchObject({ scenarioId: 'callback-greeting', args: { reason: 'missed' } });
    expect(runner.runs[0]!.call).toBeDefined();
    expect(await callbacks.get(jobId)).toMatchObject({ result: 'greeted', dedupeKey: `closed:${jobId}` });
    // Closed: the number may be asked for again.
    expect((await callbacks.schedule(request, 'api')).deduplicated).toBe(false);
    const data = app.module.get<DataSource>(getDataSourceToken());
    expect(await data.getRepository(JobEntity).countBy({ kind: 'callback-attempt' })).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('counts a callback attempt cut off by a dead node, and moves on to the next one without redialing it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-callback-crash-'));
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const dialer = new FakeDialer(() => 'answered');
    app = await startJobsApp({
      dataDir: dir,
      queue: 'database',
      connections: connectionsOf(dialer, new FakeRunner()),
      clock,
    });
    const data = app.module.get<DataSource>(getDataSourceToken());
    const callbacks = app.module.get(CallbacksService);
    const { callbackId } = await callbacks.schedule(
      {
        target: { type: 'number', value: '79165550000' },
        scenario: 'greeting',
        args: {},
        delayMs: 3_600_000,
        attempts: 2,
        retryIntervalMs: 60_000,
        ringTimeoutMs: 20_000,
      },
      'api',
    );
    // What a node that died while placing attempt 1 leaves: the callback dialing, its job running
    // with a lease that ran out.
    await data.getRepository(CallbackEntity).update({ id: callbackId }, { status: 'dialing', attemptsMade: 1 });
    await data.getRepository(JobEntity).update(
      { kind: 'callback-attempt' },
      {
        status: 'running',
        attempts: 1,
        leaseOwner: 'dead-node',
        leaseUntil: '2026-03-02T09:00:00.000Z',
        runAt: '2026-03-02T09:00:00.000Z',
      },
    );
    await eventually(async () => (await callbacks.get(callbackId)).status === 'pending', 10_000, 'the takeover');
    expect(await callbacks.get(callbackId)).toMatchObject({
      attemptsMade: 1,
      lastCause: 'interrupted',
      nextAttemptAt: '2026-03-02T10:01:00.000Z',
    });
    expect(dialer.dials).toHaveLength(0);
    clock.set('2026-03-02T10:01:00Z');
    await eventually(async () => (await callbacks.get(callbackId)).status === 'answered', 10_000, 'attempt 2');
    expect(dialer.dials).toHaveLength(1);
  }, 30_000);

  it('schedules a callback for a missed call by rule, not for a bridged one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-missed-'));
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const dialer = new FakeDialer(() => 'answered');
    app = await startJobsApp({
      dataDir: dir,
      queue: 'database',
      connections: connectionsOf(dialer, new FakeRunner()),
      clock,
    });
    const triggers = app.module.get(TriggersService);
    const runs = app.module.get(ServiceRunsService);
    const callbacks = app.module.get(CallbacksService);
    await triggers.create({
      name: 'Missed',
      type: 'missed-call',
      scenarioId: 'missed-greeting',
      settings: { numbers: ['4950000000'], delaySeconds: 120 },
      enabled: true,
    });
    const base = {
      direction: 'inbound' as const,
      dialed: '4950000000',
      answered: true,
      startedAt: '2026-03-02T09:59:00.000Z',
      answeredAt: null,
      endedAt: '2026-03-02T10:00:00.000Z',
      durationSeconds: 60,
      talkSeconds: 0,
      result: 'hangup',
      hangupCause: 'NORMAL_CLEARING',
      scenarioId: 'main',
    };
    await runs.onCallEnded({ ...base, callId: randomUUID(), caller: '79160000001', bridged: false });
    await runs.onCallEnded({ ...base, callId: randomUUID(), caller: '79160000002', bridged: true });
    await runs.onCallEnded({
      ...base,
      callId: randomUUID(),
      caller: '79160000003',
      bridged: false,
      dialed: '4951111111',
    });
    const pending = await callbacks.list();
    expect(pending.map((c) => [c.number, c.source, c.scenarioId, c.nextAttemptAt])).toEqual([
      ['79160000001', 'missed-call', 'missed-greeting', '2026-03-02T10:02:00.000Z'],
    ]);
  }, 30_000);
});
