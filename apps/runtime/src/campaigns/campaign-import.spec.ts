import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionsOf, FakeDialer, FakeRunner, startJobsApp, type JobsTestApp } from '../jobs/testing.js';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import { importContacts } from './campaign-import.js';
import { writeXlsx } from './campaign-test-data.js';
import { CampaignsService } from './campaigns.service.js';
import { readSheet, type ReadStats } from './sheet-reader.js';

const SETTINGS = { scenarioId: 'notice' };

describe('campaign import', () => {
  let app: JobsTestApp;
  let dir: string;
  let campaigns: CampaignsService;
  let data: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-import-'));
    app = await startJobsApp({
      dataDir: dir,
      queue: 'database',
      connections: connectionsOf(new FakeDialer(() => 'failed'), new FakeRunner()),
      campaigns: { maxRows: 150_000 },
    });
    campaigns = app.module.get(CampaignsService);
    data = app.module.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let uploads = 0;
  async function upload(path: string, originalName = 'list.xlsx') {
    const staged = join(campaigns.uploadDir, `u${(uploads += 1)}.upload`);
    copyFileSync(path, staged);
    return campaigns.create({ path: staged, originalName }, 'Import', 'scheduler-user');
  }
  const contactCount = (campaignId: string) => data.getRepository(CampaignContactEntity).countBy({ campaignId });

  it('imports a 100,000-row xlsx by streaming', async () => {
    const file = join(dir, 'big.xlsx');
    const rows = function* () {
      for (let i = 0; i < 100_000; i += 1) yield [`7917${String(i).padStart(7, '0')}`, `Client ${i}`, i % 1000];
    };
    await writeXlsx(file, ['Phone', 'Name', 'Debt'], rows());

    // The reader hands out rows one by one: stopping after the first reads no further.
    const stats: ReadStats = { rows: 0, sheets: [] };
    for await (const row of readSheet({ path: file, format: 'xlsx', maxRows: 150_000 }, stats)) {
      if (row.number === 2) break;
    }
    expect(stats.rows).toBe(2);

    const { campaign } = await upload(file);
    const importStats: ReadStats = { rows: 0, sheets: [], flushedAtRows: [] };
    const { report } = await campaigns.prepare(
      campaign.id,
      { phone: 'Phone', id: 'Name', variables: { debt: 'Debt' } },
      SETTINGS,
      importStats,
    );
    expect(report).toMatchObject({ rows: 100_000, contacts: 100_000, emptyRows: 0 });
    expect(importStats.rows).toBe(100_001);
    // Contacts were written 5,000 rows a transaction as the rows came, not after reading them all.
    expect(importStats.flushedAtRows).toHaveLength(20);
    expect(importStats.flushedAtRows![0]).toBe(5_001);
    expect(importStats.flushedAtRows![9]).toBe(50_001);
    expect(await contactCount(campaign.id)).toBe(100_000);
    const last = await data
      .getRepository(CampaignContactEntity)
      .findOneByOrFail({ campaignId: campaign.id, rowNumber: 100_001 });
    expect(last).toMatchObject({ phone: '79170099999', externalId: 'Client 99999', variables: { debt: 999 } });
  }, 180_000);

  it('reports bad numbers, duplicates and do-not-call numbers before the start', async () => {
    await campaigns.addDoNotCall(['79160000009'], 'asked not to call', 'admin');
    const file = join(dir, 'report.csv');
    writeFileSync(
      file,
      'Phone,Name,Zone\n79160000001,A,Europe/Moscow\n12,B,\n79160000001,C,\n79160000009,D,\n79160000005,E,Mars/Olympus\n,,\n',
    );
    const { campaign } = await upload(file, 'report.csv');
    const { report } = await campaigns.prepare(campaign.id, { phone: 'Phone', timeZone: 'Zone' }, SETTINGS);
    expect(report).toMatchObject({
      rows: 5,
      contacts: 1,
      emptyRows: 1,
      excluded: { 'invalid-number': 1, duplicate: 1, 'do-not-call': 1, 'invalid-time-zone': 1 },
    });
    expect(report.problems).toEqual([
      { row: 3, reason: 'invalid-number', value: '12' },
      { row: 4, reason: 'duplicate', value: '79160000001' },
      { row: 5, reason: 'do-not-call', value: '79160000009' },
      { row: 6, reason: 'invalid-time-zone', value: 'Mars/Olympus' },
    ]);
    expect((await campaigns.get(campaign.id)).status).toBe('ready');
  });

  describe('refuses malformed files with a clear error and keeps nothing', () => {
    /** Refused at upload (the preview meets the problem) or at import; either way no contact is kept. */
    const refused = async (file: string, expected: RegExp, mapping: Record<string, unknown> = { phone: 'Phone' }) => {
      const before = (await campaigns.list()).length;
      const uploaded = await upload(file).catch((error: Error) => error);
      if (uploaded instanceof Error) {
        expect(uploaded.message).toMatch(expected);
        expect(await campaigns.list()).toHaveLength(before);
        return;
      }
      const { campaign } = uploaded;
      await expect(campaigns.prepare(campaign.id, mapping, SETTINGS)).rejects.toThrow(expected);
      expect(await contactCount(campaign.id)).toBe(0);
      expect((await campaigns.get(campaign.id)).status).toBe('draft');
    };

    it('not a zip', async () => {
      const file = join(dir, 'fake.xlsx');
      writeFileSync(file, 'this is not a workbook');
      await expect(upload(file)).rejects.toThrow(/not an \.xlsx workbook \(it is not a zip archive\)/);
    });

    it('a zip that is not a workbook', async () => {
      const file = join(dir, 'zip.xlsx');
      writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
      await expect(upload(file)).rejects.toThrow(/Invalid file: /);
    });

    it('no such sheet', async () => {
      const file = join(dir, 'sheets.xlsx');
      await writeXlsx(file, ['Phone'], [['79160000001']], { sheet: 'Clients' });
      await refused(file, /no sheet "Debtors" in the workbook \(it has: Clients\)/, {
        phone: 'Phone',
        sheet: 'Debtors',
      });
    });

    it('empty', async () => {
      const file = join(dir, 'empty.xlsx');
      await writeXlsx(file, ['Phone', 'Name'], []);
      await refused(file, /has a header but no contact rows/);
    });

    it('formulas', async () => {
      const file = join(dir, 'formula.xlsx');
      // Past the preview's rows, so the import meets it: the 30 good rows before it are not kept.
      const rows: unknown[][] = Array.from({ length: 30 }, (_, i) => [`791600000${String(i).padStart(2, '0')}`, i]);
      rows.push(['79160000099', { formula: 'B2*2', result: 20 }]);
      await writeXlsx(file, ['Phone', 'Debt'], rows as never);
      await refused(file, /cell B32 holds a formula/);
    });

    it('merged cells', async () => {
      const file = join(dir, 'merged.xlsx');
      await writeXlsx(
        file,
        ['Phone', 'Name'],
        [
          ['79160000001', 'A'],
          ['79160000002', null],
        ],
        { merge: 'B2:B3' },
      );
      await refused(file, /merged cells \(B2:B3\)/);
    });

    it('a phone column with text', async () => {
      const file = join(dir, 'text.xlsx');
      await writeXlsx(
        file,
        ['Phone', 'Name'],
        [
          ['79160000001', 'A'],
          ['call me later', 'B'],
        ],
      );
      await refused(file, /the phone column holds text at A3 \("call me later"\)/);
    });

    it('a mapped column that is not there', async () => {
      const file = join(dir, 'columns.xlsx');
      await writeXlsx(file, ['Tel', 'Name'], [['79160000001', 'A']]);
      await refused(file, /the phone column "Phone" is not in the header row \(it has: Tel, Name\)/);
    });

    it('too many rows', async () => {
      const file = join(dir, 'many.xlsx');
      await writeXlsx(
        file,
        ['Phone'],
        Array.from({ length: 60 }, (_, i) => [`79160000${String(i).padStart(3, '0')}`]),
      );
      const { campaign } = await upload(file);
      await expect(
        importContacts(
          data,
          campaign.id,
          { path: join(dir, 'many.xlsx'), format: 'xlsx', maxRows: 50 },
          { phone: 'Phone', headerRow: 1, variables: {} },
          new Date().toISOString(),
        ),
      ).rejects.toThrow(/more than 50 rows/);
      expect(await contactCount(campaign.id)).toBe(0);
    });
  });
});
