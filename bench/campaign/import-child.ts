/**
 * Ours: the campaign import as the API's `prepare` runs it (CampaignsService.prepare calls
 * importContacts): the runtime's streaming sheet reader, phone normalisation and validation,
 * time-zone check, duplicate detection, a do-not-call lookup per batch and batched INSERTs of the
 * contacts, into a SQLite file opened with the runtime's own TypeORM options (its entities and
 * migrations, WAL). The database is opened, migrated and given a draft campaign and a do-not-call
 * list before the measured part; the process's peak RSS includes all of it.
 * env: CAMPAIGN_BENCH_FILE, CAMPAIGN_BENCH_ROWS, CAMPAIGN_BENCH_WORK.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CampaignContactEntity } from '../../apps/runtime/src/campaigns/campaign-contact.entity.js';
import { importContacts } from '../../apps/runtime/src/campaigns/campaign-import.js';
import { CampaignEntity } from '../../apps/runtime/src/campaigns/campaign.entity.js';
import { DoNotCallEntity } from '../../apps/runtime/src/campaigns/do-not-call.entity.js';
import { dataSourceOptions } from '../../apps/runtime/src/database/data-source-options.js';
import { repoRoot } from '../lib/report.js';
import { doNotCallNumbers, MAPPING } from './data.js';
import { childInput, measured, printResult } from './measure.js';

type DataSource = Parameters<typeof importContacts>[0];
// typeorm is the runtime's dependency (bench/ has none): its DataSource class is taken from there.
const typeorm = createRequire(join(repoRoot(), 'apps', 'runtime', 'package.json'))('typeorm') as {
  DataSource: new (options: ReturnType<typeof dataSourceOptions>) => DataSource;
};

const { file, rows, work } = childInput();
const data = await new typeorm.DataSource(
  dataSourceOptions({ type: 'sqlite', path: join(work, `import-${process.pid}.sqlite`) }),
).initialize();

const now = new Date().toISOString();
const campaignId = randomUUID();
await data.getRepository(CampaignEntity).insert({
  id: campaignId,
  name: 'Benchmark',
  status: 'draft',
  filePath: `${campaignId}.xlsx`,
  originalName: 'contacts.xlsx',
  format: 'xlsx',
  mapping: null,
  settings: null,
  report: null,
  dispatcherOwner: null,
  dispatcherUntil: null,
  createdBy: 'bench',
  createdAt: now,
  updatedAt: now,
  startedAt: null,
  finishedAt: null,
});
const blocked = doNotCallNumbers(rows);
const dnc = data.getRepository(DoNotCallEntity);
for (let at = 0; at < blocked.length; at += 100) {
  await dnc.insert(
    blocked
      .slice(at, at + 100)
      .map((number) => ({ number, reason: 'asked not to call', addedBy: 'bench', addedAt: now })),
  );
}

const result = await measured('import', async () => {
  const report = await importContacts(
    data,
    campaignId,
    // The service's default CAMPAIGN_MAX_ROWS.
    { path: file, format: 'xlsx', maxRows: 500_000 },
    MAPPING,
    now,
  );
  return {
    rows: report.rows,
    detail: {
      contacts: report.contacts,
      emptyRows: report.emptyRows,
      excluded: report.excluded,
      doNotCallListed: blocked.length,
    },
  };
});
const stored = await data.getRepository(CampaignContactEntity).countBy({ campaignId });
await data.destroy();
if (result.rows !== rows) throw new Error(`the import counted ${result.rows} rows, expected ${rows}`);
if (stored !== rows) throw new Error(`${stored} contacts in the database, expected ${rows}`);
result.detail.stored = stored;
printResult(result);
