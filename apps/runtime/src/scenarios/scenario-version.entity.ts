import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

/** An immutable published version: written once, never updated. */
@Entity('scenario_versions')
export class ScenarioVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scenarioId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'text', transformer: jsonText })
  document!: JsonObject;

  /** sha256 of the canonical JSON of the document. */
  @Column({ type: 'varchar', length: 64 })
  checksum!: string;

  @Column({ type: 'varchar', length: 2000 })
  note!: string;

  @Column({ type: 'varchar', length: 64 })
  publishedBy!: string;

  @Column({ type: 'varchar', length: 32 })
  publishedAt!: string;
}
