import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

/**
 * pending: waits for its (next) attempt; active: an attempt is queued or dialing; done: reached and
 * the scenario ran; failed: attempts used up or a final result; excluded: left out by validation
 * (bad number, duplicate, do-not-call) or stopped.
 */
export type ContactStatus = 'pending' | 'active' | 'done' | 'failed' | 'excluded';

@Entity('campaign_contacts')
export class CampaignContactEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  campaignId!: string;

  /** The row in the sheet (1-based, as Excel shows it). */
  @Column({ type: 'int' })
  rowNumber!: number;

  @Column({ type: 'varchar', length: 32 })
  phone!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  @Column({ type: 'text', transformer: jsonText })
  variables!: JsonObject;

  @Column({ type: 'varchar', length: 16 })
  status!: ContactStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  nextAttemptAt!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastCause!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  result!: string | null;

  /** The variables the scenario returned. */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  resultVariables!: JsonObject | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  excludedReason!: string | null;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
