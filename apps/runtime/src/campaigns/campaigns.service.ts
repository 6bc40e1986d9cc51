import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type Repository } from 'typeorm';
import type { JsonObject } from '../database/json-text.js';
import type { Clock } from '../jobs/clock.js';
import { JOBS_CLOCK } from '../jobs/scenario-runner.js';
import { CampaignAttemptEntity } from './campaign-attempt.entity.js';
import { CampaignContactEntity, type ContactStatus } from './campaign-contact.entity.js';
import { importContacts, previewSheet, type SheetPreview, type ValidationReport } from './campaign-import.js';
import { writeResults } from './campaign-results.js';
import { campaignMapping, campaignSettings, type CampaignSettings } from './campaign-settings.js';
import { CampaignEntity, type CampaignStatus } from './campaign.entity.js';
import { DoNotCallEntity } from './do-not-call.entity.js';
import { looksLikeZip, SheetImportError, type ReadStats, type SheetSource } from './sheet-reader.js';

export const CAMPAIGNS_OPTIONS = Symbol('CAMPAIGNS_OPTIONS');

export interface CampaignsOptions {
  /** Where uploads and result files live. */
  dir: string;
  /** Contact rows one file may have (CAMPAIGN_MAX_ROWS, default 500,000). */
  maxRows: number;
  /** Largest upload in bytes (CAMPAIGN_MAX_UPLOAD_BYTES, default 100 MB). */
  maxUploadBytes: number;
  tickMs: number;
}

export interface CampaignView extends Omit<CampaignEntity, 'filePath' | 'dispatcherOwner' | 'dispatcherUntil'> {
  progress: { total: number; byStatus: Record<string, number>; finished: number; percent: number };
}

/** Allowed moves of a campaign's status. */
const TRANSITIONS: Record<'start' | 'pause' | 'resume' | 'stop', { from: CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['ready'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['ready', 'running', 'paused'], to: 'stopped' },
};

function invalidFile(error: unknown): never {
  if (error instanceof SheetImportError) throw new BadRequestException(`Invalid file: ${error.message}`);
  throw error;
}

/**
 * Campaigns: upload, preview, mapping and import with a validation report, the state machine
 * (ready -> running <-> paused -> stopped / completed), contacts, statistics, results as xlsx, and
 * the do-not-call list. Dialing itself is the CampaignDialer's.
 */
@Injectable()
export class CampaignsService {
  private readonly campaigns: Repository<CampaignEntity>;
  private readonly contacts: Repository<CampaignContactEntity>;
  private readonly attempts: Repository<CampaignAttemptEntity>;
  private readonly dnc: Repository<DoNotCallEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CAMPAIGNS_OPTIONS) private readonly options: CampaignsOptions,
    @Inject(JOBS_CLOCK) private readonly clock: Clock,
  ) {
    this.campaigns = dataSource.getRepository(CampaignEntity);
    this.contacts = dataSource.getRepository(CampaignContactEntity);
    this.attempts = dataSource.getRepository(CampaignAttemptEntity);
    this.dnc = dataSource.getRepository(DoNotCallEntity);
    mkdirSync(join(options.dir, 'uploads'), { recursive: true });
  }

  get uploadDir(): string {
    return join(this.options.dir, 'uploads');
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Takes an uploaded file (moved into the campaigns folder) and creates a draft with its preview. */
  async create(
    upload: { path: string; originalName: string },
    name: string,
    user: string,
  ): Promise<{ campaign: CampaignView; preview: SheetPreview }> {
    const id = randomUUID();
    const ext = extname(upload.originalName).toLowerCase();
    let format: 'xlsx' | 'csv';
    if (await looksLikeZip(upload.path)) format = 'xlsx';
    else if (ext === '.csv' || ext === '.txt') format = 'csv';
    else {
      await rm(upload.path, { force: true });
      throw new BadRequestException(
        'Invalid file: the file is not an .xlsx workbook (it is not a zip archive); save it as .xlsx or .csv',
      );
    }
    const filePath = `${id}.${format}`;
    await rename(upload.path, join(this.options.dir, filePath));
    let preview: SheetPreview;
    try {
      preview = await previewSheet(this.source({ filePath, format }), 1);
    } catch (error) {
      await rm(join(this.options.dir, filePath), { force: true });
      invalidFile(error);
    }
    const now = this.now();
    await this.campaigns.insert({
      id,
      name,
      status: 'draft',
      filePath,
      originalName: upload.originalName.slice(0, 200),
      format,
      mapping: null,
      settings: null,
      report: null,
      dispatcherOwner: null,
      dispatcherUntil: null,
      createdBy: user,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
    });
    return { campaign: await this.get(id), preview };
  }

  async preview(id: string, sheet: string | undefined, headerRow: number): Promise<SheetPreview> {
    const campaign = await this.entity(id);
    try {
      return await previewSheet(this.source(campaign, sheet), headerRow);
    } catch (error) {
      invalidFile(error);
    }
  }

  /**
   * Sets the mapping and settings and imports the contacts: the validation report comes back, the
   * campaign becomes ready. A malformed file is refused whole; the campaign stays as it was.
   */
  async prepare(
    id: string,
    mappingInput: unknown,
    settingsInput: unknown,
    stats?: ReadStats,
  ): Promise<{ campaign: CampaignView; report: ValidationReport }> {
    const campaign = await this.entity(id);
    if (campaign.status !== 'draft' && campaign.status !== 'ready')
      throw new ConflictException(`Campaign ${id} is ${campaign.status}; only a draft or ready campaign is prepared`);
    const mapping = campaignMapping.parse(mappingInput);
    const settings = campaignSettings.parse(settingsInput);
    let report: ValidationReport;
    try {
      report = await importContacts(
        this.dataSource,
        id,
        this.source(campaign, mapping.sheet),
        mapping,
        this.now(),
        stats,
      );
    } catch (error) {
      await this.campaigns.update({ id }, { status: 'draft', report: null, updatedAt: this.now() });
      invalidFile(error);
    }
    await this.campaigns.update(
      { id },
      {
        status: 'ready',
        mapping: mapping as JsonObject,
        settings: settings as JsonObject,
        report: report as unknown as JsonObject,
        updatedAt: this.now(),
      },
    );
    return { campaign: await this.get(id), report };
  }

  async updateSettings(id: string, settingsInput: unknown): Promise<CampaignView> {
    const campaign = await this.entity(id);
    if (!campaign.settings) throw new ConflictException(`Campaign ${id} is not prepared yet`);
    if (campaign.status === 'stopped' || campaign.status === 'completed')
      throw new ConflictException(`Campaign ${id} is ${campaign.status}`);
    const settings = campaignSettings.parse(settingsInput);
    await this.campaigns.update({ id }, { settings: settings as JsonObject, updatedAt: this.now() });
    return this.get(id);
  }

  async transition(id: string, action: keyof typeof TRANSITIONS): Promise<CampaignView> {
    const { from, to } = TRANSITIONS[action];
    const campaign = await this.entity(id);
    if (!from.includes(campaign.status))
      throw new ConflictException(`Cannot ${action} campaign ${id}: it is ${campaign.status}`);
    const now = this.now();
    const moved = await this.campaigns.update(
      { id, status: campaign.status },
      {
        status: to,
        updatedAt: now,
        ...(action === 'start' ? { startedAt: now } : {}),
        ...(action === 'stop' ? { finishedAt: now } : {}),
      },
    );
    if ((moved.affected ?? 0) !== 1) throw new ConflictException(`Campaign ${id} changed meanwhile; try again`);
    return this.get(id);
  }

  async list(): Promise<CampaignView[]> {
    const all = await this.campaigns.find({ order: { createdAt: 'DESC' }, take: 500 });
    return Promise.all(all.map((c) => this.view(c)));
  }

  async get(id: string): Promise<CampaignView> {
    return this.view(await this.entity(id));
  }

  async contactsOf(
    id: string,
    query: { status?: ContactStatus; limit: number; offset: number },
  ): Promise<{ items: CampaignContactEntity[]; total: number; limit: number; offset: number }> {
    await this.entity(id);
    const [items, total] = await this.contacts.findAndCount({
      where: { campaignId: id, ...(query.status ? { status: query.status } : {}) },
      order: { rowNumber: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Counts by status, result and last cause; attempts and answers per minute. */
  async stats(id: string) {
    const campaign = await this.entity(id);
    const group = async (column: 'status' | 'result' | 'lastCause') => {
      const rows = await this.contacts
        .createQueryBuilder('c')
        .select(`c.${column}`, 'key')
        .addSelect('COUNT(*)', 'count')
        .where('c.campaignId = :id', { id })
        .groupBy(`c.${column}`)
        .getRawMany<{ key: string | null; count: string | number }>();
      return Object.fromEntries(rows.map((r) => [r.key ?? '(none)', Number(r.count)]));
    };
    const minute =
      this.dataSource.options.type === 'better-sqlite3' || this.dataSource.options.type === 'sqlite'
        ? 'substr(a.queued_at, 1, 16)'
        : 'SUBSTRING(a.queued_at, 1, 16)';
    const rate = await this.attempts
      .createQueryBuilder('a')
      .select(minute, 'minute')
      .addSelect('COUNT(*)', 'attempts')
      .addSelect("SUM(CASE WHEN a.outcome = 'answered' THEN 1 ELSE 0 END)", 'answered')
      .where('a.campaignId = :id', { id })
      .groupBy(minute)
      .orderBy(minute, 'ASC')
      .getRawMany<{ minute: string; attempts: string | number; answered: string | number | null }>();
    const attemptsByOutcome = await this.attempts
      .createQueryBuilder('a')
      .select('a.outcome', 'key')
      .addSelect('COUNT(*)', 'count')
      .where('a.campaignId = :id', { id })
      .groupBy('a.outcome')
      .getRawMany<{ key: string | null; count: string | number }>();
    return {
      id,
      status: campaign.status,
      progress: (await this.view(campaign)).progress,
      byStatus: await group('status'),
      byResult: await group('result'),
      byLastCause: await group('lastCause'),
      attemptsByOutcome: Object.fromEntries(attemptsByOutcome.map((r) => [r.key ?? 'in progress', Number(r.count)])),
      perMinute: rate.map((r) => ({
        minute: `${r.minute}:00Z`,
        attempts: Number(r.attempts),
        answered: Number(r.answered ?? 0),
      })),
    };
  }

  /** The sheet with its result columns filled, as an xlsx file in a temporary path (the caller removes it). */
  async results(id: string): Promise<{ path: string; fileName: string }> {
    const campaign = await this.entity(id);
    if (!campaign.mapping || !campaign.settings) throw new ConflictException(`Campaign ${id} is not prepared yet`);
    const mapping = campaignMapping.parse(campaign.mapping);
    const settings: CampaignSettings = campaignSettings.parse(campaign.settings);
    const path = join(this.options.dir, `results-${id}-${randomUUID().slice(0, 8)}.xlsx`);
    try {
      await writeResults(this.dataSource, id, this.source(campaign, mapping.sheet), mapping, settings, path);
    } catch (error) {
      await rm(path, { force: true });
      invalidFile(error);
    }
    const base = campaign.originalName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} _.-]/gu, '_') || 'campaign';
    return { path, fileName: `${base}-results.xlsx` };
  }

  async remove(id: string): Promise<void> {
    const campaign = await this.entity(id);
    if (campaign.status === 'running' || campaign.status === 'paused')
      throw new ConflictException(`Campaign ${id} is ${campaign.status}; stop it first`);
    await this.attempts.delete({ campaignId: id });
    await this.contacts.delete({ campaignId: id });
    await this.campaigns.delete({ id });
    await rm(join(this.options.dir, campaign.filePath), { force: true });
  }

  listDoNotCall(): Promise<DoNotCallEntity[]> {
    return this.dnc.find({ order: { addedAt: 'DESC' }, take: 5000 });
  }

  /** Adds numbers; the pending contacts of every campaign with them are excluded at once. */
  async addDoNotCall(numbers: string[], reason: string | undefined, user: string): Promise<{ added: number }> {
    const now = this.now();
    const existing = new Set((await this.dnc.findBy({ number: In(numbers) })).map((d) => d.number));
    const fresh = [...new Set(numbers)].filter((n) => !existing.has(n));
    for (let i = 0; i < fresh.length; i += 100)
      await this.dnc.insert(
        fresh.slice(i, i + 100).map((number) => ({ number, reason: reason ?? null, addedBy: user, addedAt: now })),
      );
    for (let i = 0; i < numbers.length; i += 100)
      await this.contacts.update(
        { phone: In(numbers.slice(i, i + 100)), status: 'pending' },
        { status: 'excluded', excludedReason: 'do-not-call', updatedAt: now },
      );
    return { added: fresh.length };
  }

  async removeDoNotCall(number: string): Promise<void> {
    const removed = await this.dnc.delete({ number });
    if (!removed.affected) throw new NotFoundException(`${number} is not on the do-not-call list`);
  }

  private source(campaign: Pick<CampaignEntity, 'filePath' | 'format'>, sheet?: string): SheetSource {
    return {
      path: join(this.options.dir, campaign.filePath),
      format: campaign.format,
      ...(sheet !== undefined && campaign.format === 'xlsx' ? { sheet } : {}),
      maxRows: this.options.maxRows,
    };
  }

  private async entity(id: string): Promise<CampaignEntity> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw new NotFoundException(`No campaign ${id}`);
    return campaign;
  }

  private async view(campaign: CampaignEntity): Promise<CampaignView> {
    const { filePath: _file, dispatcherOwner: _owner, dispatcherUntil: _until, ...rest } = campaign;
    const rows = await this.contacts
      .createQueryBuilder('c')
      .select('c.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('c.campaignId = :id', { id: campaign.id })
      .groupBy('c.status')
      .getRawMany<{ status: string; count: string | number }>();
    const byStatus: Record<string, number> = { pending: 0, active: 0, done: 0, failed: 0, excluded: 0 };
    for (const row of rows) byStatus[row.status] = Number(row.count);
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const finished = byStatus.done! + byStatus.failed! + byStatus.excluded!;
    return {
      ...rest,
      progress: { total, byStatus, finished, percent: total === 0 ? 0 : Math.round((finished / total) * 1000) / 10 },
    };
  }
}
