import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectionsOf,
  createTestSchema,
  TEST_DATABASE_KINDS,
  type QueueKind,
  type TestDatabaseKind,
  dropBullQueue,
  eventually,
  FakeDialer,
  FakeRunner,
  startJobsApp,
  TEST_QUEUES,
  type JobsTestApp,
} from '../jobs/testing.js';
import { readXlsx, writeXlsx } from './campaign-test-data.js';
import { CampaignsService } from './campaigns.service.js';

const ALL_DAY = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const, from: '00:00', to: '00:00' }];

/** Each queue on SQLite, and the in-process queue on PostgreSQL when it is set. */
const CASES: [QueueKind, TestDatabaseKind][] = [
  ...TEST_QUEUES.map((queue): [QueueKind, TestDatabaseKind] => [queue, 'sqlite']),
  ...(TEST_DATABASE_KINDS.includes('postgres') ? [['database', 'postgres'] as [QueueKind, TestDatabaseKind]] : []),
];

describe.each(CASES)('the Excel autoinformer on %s jobs over %s', (queue, database) => {
  let app: JobsTestApp | undefined;
  let dir: string;
  let dropSchema: (() => Promise<void>) | undefined;
  const queueName = `test-autoinformer-${Date.now()}`;

  afterEach(async () => {
    await app?.close();
    await dropSchema?.();
    if (queue === 'bullmq') await dropBullQueue(queueName);
    rmSync(dir, { recursive: true, force: true });
  });

  it('dials each row: not reached -> "failed" and the next row; answered -> the result written back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-autoinformer-'));
    const script: Record<string, 'answered' | 'noanswer' | 'busy'> = {
      '+79160000001': 'answered',
      '79160000002': 'noanswer',
      '79160000003': 'answered',
      '79160000004': 'busy',
    };
    const dialer = new FakeDialer((n) => script[n] ?? 'failed');
    const played: string[] = [];
    // Stands in for the IVR: it plays the debt from the row, then ends with its result.
    const runner = new FakeRunner((request) => {
      played.push(`Your debt is ${String(request.args.debt)} rubles`);
      expect(request.call).toBeDefined();
      return { status: 'completed', result: 'listened to the end', returns: { heardAmount: request.args.debt } };
    });
    const schema = database === 'postgres' ? await createTestSchema() : undefined;
    dropSchema = schema?.drop;
    app = await startJobsApp({
      dataDir: dir,
      queue,
      queueName,
      connections: connectionsOf(dialer, runner),
      ...(schema ? { database: schema.config } : {}),
    });
    const campaigns = app.module.get(CampaignsService);

    const upload = join(dir, 'debtors.xlsx');
    await writeXlsx(
      upload,
      ['Phone', 'Name', 'Debt', 'Result'],
      [
        ['+7 916 000-00-01', 'Ivan', 1200, null],
        ['79160000002', 'Maria', 300, null],
        [79160000003, 'Oleg', 45.5, null],
        ['79160000004', 'Anna', 10, null],
      ],
    );
    copyFileSync(upload, join(campaigns.uploadDir, 'in.upload'));
    const { campaign, preview } = await campaigns.create(
      { path: join(campaigns.uploadDir, 'in.upload'), originalName: 'debtors.xlsx' },
      'Debtors',
      'scheduler-user',
    );
    expect(preview.headers).toEqual(['Phone', 'Name', 'Debt', 'Result']);
    expect(preview.rows).toHaveLength(4);

    const { report } = await campaigns.prepare(
      campaign.id,
      { phone: 'Phone', variables: { debt: 'Debt', name: 'Name' } },
      {
        scenarioId: 'debt-reminder',
        mode: 'ivr',
        maxAttempts: 1,
        concurrency: 1,
        callsPerSecond: 50,
        windows: ALL_DAY,
        resultColumns: { variables: ['heardAmount'] },
      },
    );
    expect(report).toMatchObject({ rows: 4, contacts: 4, excluded: { 'invalid-number': 0, duplicate: 0 } });

    await campaigns.transition(campaign.id, 'start');
    await eventually(async () => (await campaigns.get(campaign.id)).status === 'completed', 20_000, 'completion');

    // Each row dialed once, in row order (concurrency 1): a failure moves on to the next row.
    expect(dialer.dials.map((d) => d.number)).toEqual(['+79160000001', '79160000002', '79160000003', '79160000004']);
    expect(played).toEqual(['Your debt is 1200 rubles', 'Your debt is 45.5 rubles']);
    expect(dialer.hungUp).toHaveLength(2);

    const { path } = await campaigns.results(campaign.id);
    const rows = await readXlsx(path);
    rmSync(path);
    expect(rows.map((r) => [r.Phone, r.Result, r.Status, r['Last cause'], r.Attempts, r.heardAmount])).toEqual([
      ['+7 916 000-00-01', 'listened to the end', 'done', 'answered', 1, 1200],
      ['79160000002', 'failed', 'failed', 'NOANSWER', 1, null],
      [79160000003, 'listened to the end', 'done', 'answered', 1, 45.5],
      ['79160000004', 'failed', 'failed', 'USER_BUSY', 1, null],
    ]);

    const stats = await campaigns.stats(campaign.id);
    expect(stats.byResult).toEqual({ 'listened to the end': 2, failed: 2 });
    expect(stats.attemptsByOutcome).toEqual({ answered: 2, noanswer: 1, busy: 1 });
    expect(stats.perMinute.reduce((sum, m) => sum + m.attempts, 0)).toBe(4);
    expect(stats.progress.percent).toBe(100);
  }, 60_000);
});
