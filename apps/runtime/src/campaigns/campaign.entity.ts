import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

export const CAMPAIGN_STATUSES = ['draft', 'ready', 'running', 'paused', 'stopped', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A dialing campaign over an uploaded contact list. */
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CampaignStatus;

  /** The uploaded file, relative to the campaigns folder. */
  @Column({ type: 'varchar', length: 200 })
  filePath!: string;

  @Column({ type: 'varchar', length: 200 })
  originalName!: string;

  @Column({ type: 'varchar', length: 8 })
  format!: 'xlsx' | 'csv';

  /** Column mapping: sheet, header row, phone, id, time zone and variable columns. */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  mapping!: JsonObject | null;

  /** Scenario, pacing, windows, retries, result columns (CampaignSettings). */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  settings!: JsonObject | null;

  /** The validation report of the last import. */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  report!: JsonObject | null;

  /** The node dispatching this campaign's contacts, and until when (one dispatcher per campaign). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  dispatcherOwner!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  dispatcherUntil!: string | null;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  startedAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;
}
