import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

/** Who changed what, and when. Never holds secrets: details are route params and summaries only. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  at!: string;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  targetId!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  details!: JsonObject | null;
}
