import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectionsOf,
  createTestSchema,
  eventually,
  TEST_DATABASE_KINDS,
  FakeDialer,
  FakeRunner,
  startJobsApp,
  type JobsTestApp,
} from '../jobs/testing.js';
import { CampaignAttemptEntity } from './campaign-attempt.entity.js';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import { writeXlsx } from './campaign-test-data.js';
import { CampaignsService } from './campaigns.service.js';

const ALL_DAY = [{ from: '00:00', to: '00:00' }];
const CONTACTS = 24;
const phoneOf = (i: number) => `7916100${String(i).padStart(4, '0')}`;

describe.each(TEST_DATABASE_KINDS)('a campaign across a restart, on %s', (database) => {
  let app: JobsTestApp | undefined;
  let dir: string;
  let schema: Awaited<ReturnType<typeof createTestSchema>> | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const on = async () => {
    schema = database === 'postgres' ? await createTestSchema() : undefined;
    return schema ? { database: schema.config } : {};
  };

  it('resumes on a new module over the same database: no contact lost, none dialed twice', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-restart-'));
    // The dialer outlives the module, like the phones do: it sees every dial from both runs.
    const dialer = new FakeDialer(() => 'answered', 30);
    const runner = new FakeRunner(() => ({ status: 'completed', result: 'listened to the end', returns: {} }));
    const where = await on();
    const start = () =>
      startJobsApp({ dataDir: dir, queue: 'database', connections: connectionsOf(dialer, runner), ...where });

    app = await start();
    let campaigns = app.module.get(CampaignsService);
    const file = join(dir, 'list.xlsx');
    await writeXlsx(
      file,
      ['Phone'],
      Array.from({ length: CONTACTS }, (_, i) => [phoneOf(i)]),
    );
    copyFileSync(file, join(campaigns.uploadDir, 'list.upload'));
    const { campaign } = await campaigns.create(
      { path: join(campaigns.uploadDir, 'list.upload'), originalName: 'list.xlsx' },
      'Restart',
      'scheduler-user',
    );
    await campaigns.prepare(
      campaign.id,
      { phone: 'Phone' },
      {
        scenarioId: 'notice',
        concurrency: 3,
        callsPerSecond: 100,
        maxAttempts: 2,
        windows: ALL_DAY,
        retry: { error: 0 },
      },
    );
    await campaigns.transition(campaign.id, 'start');
    await eventually(() => dialer.dials.length >= 6, 20_000, 'the first dials');

    // Stop mid-campaign: the dispatcher stops, dials in progress finish and are recorded.
    await app.close();
    app = undefined;
    const dialedBeforeRestart = dialer.dials.length;
    expect(dialedBeforeRestart).toBeLessThan(CONTACTS);

    app = await start();
    campaigns = app.module.get(CampaignsService);
    const data = app.module.get<DataSource>(getDataSourceToken());
    await eventually(async () => (await campaigns.get(campaign.id)).status === 'completed', 30_000, 'completion');

    for (let i = 0; i < CONTACTS; i += 1) expect(dialer.count(`+${phoneOf(i)}`) + dialer.count(phoneOf(i))).toBe(1);
    expect(dialer.dials).toHaveLength(CONTACTS);
    const contacts = await data.getRepository(CampaignContactEntity).findBy({ campaignId: campaign.id });
    expect(contacts.map((c) => c.status)).toEqual(Array(CONTACTS).fill('done'));
    expect(contacts.every((c) => c.attempts === 1 && c.result === 'listened to the end')).toBe(true);
    const attempts = await data.getRepository(CampaignAttemptEntity).findBy({ campaignId: campaign.id });
    expect(attempts).toHaveLength(CONTACTS);
    expect(new Set(attempts.map((a) => a.status))).toEqual(new Set(['ended']));
  }, 90_000);

  it('counts an attempt cut off by a crash as made, and does not dial it again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-crash-'));
    const dialer = new FakeDialer(() => 'answered');
    const runner = new FakeRunner(() => ({ status: 'completed', result: 'ok', returns: {} }));
    app = await startJobsApp({
      dataDir: dir,
      queue: 'database',
      connections: connectionsOf(dialer, runner),
      ...(await on()),
    });
    const campaigns = app.module.get(CampaignsService);
    const data = app.module.get<DataSource>(getDataSourceToken());
    const file = join(dir, 'list.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'Phone;Name\n79161110001;A\n79161110002;B\n');
    copyFileSync(file, join(campaigns.uploadDir, 'list.upload'));
    const { campaign } = await campaigns.create(
      { path: join(campaigns.uploadDir, 'list.upload'), originalName: 'list.csv' },
      'Crash',
      'scheduler-user',
    );
    await campaigns.prepare(
      campaign.id,
      { phone: 'Phone' },
      { scenarioId: 'notice', windows: ALL_DAY, maxAttempts: 3 },
    );
    // What a node that died mid-dial leaves behind: the contact active, its attempt dialing, the lease run out.
    const contacts = data.getRepository(CampaignContactEntity);
    const first = await contacts.findOneByOrFail({ campaignId: campaign.id, rowNumber: 2 });
    await contacts.update({ id: first.id }, { status: 'active', attempts: 1 });
    await data.getRepository(CampaignAttemptEntity).insert({
      id: `${first.id}:1`,
      campaignId: campaign.id,
      contactId: first.id,
      attemptNo: 1,
      status: 'dialing',
      leaseOwner: 'dead-node',
      leaseUntil: new Date(Date.now() - 1000).toISOString(),
      queuedAt: new Date(Date.now() - 60_000).toISOString(),
      startedAt: new Date(Date.now() - 59_000).toISOString(),
      endedAt: null,
      outcome: null,
      cause: null,
      result: null,
    });
    await campaigns.transition(campaign.id, 'start');
    await eventually(async () => (await campaigns.get(campaign.id)).status === 'completed', 20_000, 'completion');

    expect(dialer.dials.map((d) => d.number)).toEqual(['79161110002']);
    const after = await contacts.findOneByOrFail({ id: first.id });
    expect(after).toMatchObject({ status: 'failed', attempts: 1, lastCause: 'node stopped while dialing' });
  }, 60_000);
});
