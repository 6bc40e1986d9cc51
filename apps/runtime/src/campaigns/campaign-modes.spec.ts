import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionsOf, eventually, FakeDialer, FakeRunner, startJobsApp, type JobsTestApp } from '../jobs/testing.js';
import { writeXlsx } from './campaign-test-data.js';
import { CampaignsService } from './campaigns.service.js';

const ALL_DAY = [{ from: '00:00', to: '00:00' }];

describe('campaign modes and controls', () => {
  let app: JobsTestApp | undefined;
  let dir: string;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function prepared(phones: string[], settings: Record<string, unknown>, dialer: FakeDialer, runner: FakeRunner) {
    dir = mkdtempSync(join(tmpdir(), 'ivr-modes-'));
    app = await startJobsApp({ dataDir: dir, queue: 'database', connections: connectionsOf(dialer, runner) });
    const campaigns = app.module.get(CampaignsService);
    const file = join(dir, 'list.xlsx');
    await writeXlsx(
      file,
      ['Phone'],
      phones.map((p) => [p]),
    );
    copyFileSync(file, join(campaigns.uploadDir, 'list.upload'));
    const { campaign } = await campaigns.create(
      { path: join(campaigns.uploadDir, 'list.upload'), originalName: 'list.xlsx' },
      'Modes',
      'scheduler-user',
    );
    await campaigns.prepare(campaign.id, { phone: 'Phone' }, { windows: ALL_DAY, callsPerSecond: 100, ...settings });
    return { campaigns, id: campaign.id };
  }

  it('service mode: the scenario dials itself; its busy/noanswer results go through the retry matrix', async () => {
    const dialer = new FakeDialer(() => 'failed');
    const seen = new Map<string, number>();
    const runner = new FakeRunner((request) => {
      const phone = String(request.args.phone);
      const attempt = (seen.get(phone) ?? 0) + 1;
      seen.set(phone, attempt);
      if (phone.endsWith('1')) return { status: 'completed', result: 'confirmed', returns: { confirmed: true } };
      return { status: 'completed', result: attempt === 1 ? 'busy' : 'noanswer', returns: {} };
    });
    const { campaigns, id } = await prepared(
      ['79160000001', '79160000002'],
      { mode: 'service', scenarioId: 'reminder-dialer', maxAttempts: 2, retry: { busy: 0 } },
      dialer,
      runner,
    );
    await campaigns.transition(id, 'start');
    await eventually(async () => (await campaigns.get(id)).status === 'completed', 20_000, 'completion');

    expect(dialer.dials).toHaveLength(0); // the campaign itself dials nothing in service mode
    expect(runner.runs.map((r) => r.call)).toEqual([undefined, undefined, undefined]);
    const { items } = await campaigns.contactsOf(id, { limit: 10, offset: 0 });
    expect(items.map((c) => [c.phone, c.status, c.attempts, c.result, c.lastCause, c.resultVariables])).toEqual([
      ['79160000001', 'done', 1, 'confirmed', 'answered', { confirmed: true }],
      // busy is retried (delay 0), noanswer is not in the matrix: final.
      ['79160000002', 'failed', 2, 'failed', 'noanswer', null],
    ]);
    expect(runner.runs[0]!.args).toMatchObject({ phone: '79160000001', contact: { row: 2, attempt: 1 } });
  }, 40_000);

  it('pause holds new dials, resume goes on, stop leaves the rest undialed', async () => {
    const dialer = new FakeDialer(() => 'answered', 150);
    const runner = new FakeRunner(() => ({ status: 'completed', result: 'ok', returns: {} }));
    const phones = ['79160000001', '79160000002', '79160000003', '79160000004', '79160000005'];
    const { campaigns, id } = await prepared(phones, { scenarioId: 'notice', concurrency: 1 }, dialer, runner);
    await campaigns.transition(id, 'start');
    await eventually(() => dialer.dials.length === 1, 10_000, 'the first dial');
    await campaigns.transition(id, 'pause');
    await eventually(async () => (await campaigns.get(id)).progress.byStatus.active === 0, 10_000, 'the call to end');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dialer.dials).toHaveLength(1);
    expect((await campaigns.get(id)).progress.byStatus).toMatchObject({ done: 1, pending: 4 });

    await campaigns.transition(id, 'resume');
    await eventually(() => dialer.dials.length === 3, 10_000, 'two more dials');
    await campaigns.transition(id, 'stop');
    await expect(campaigns.transition(id, 'resume')).rejects.toThrow(/it is stopped/);
    await eventually(async () => (await campaigns.get(id)).progress.byStatus.active === 0, 10_000, 'the last call');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dialer.dials.length).toBeLessThanOrEqual(4);
    const view = await campaigns.get(id);
    expect(view.status).toBe('stopped');
    expect(view.progress.byStatus.done! + view.progress.byStatus.pending!).toBe(5);
    expect(view.progress.byStatus.done).toBe(dialer.dials.length);
  }, 40_000);
});
