import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

/** A scenario and its editable draft. Published versions live in scenario_versions. */
@Entity('scenarios')
export class ScenarioEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'text', transformer: jsonText })
  draft!: JsonObject;

  /** Bumped on every draft write; a write naming an older revision is refused (optimistic lock). */
  @Column({ type: 'int' })
  revision!: number;

  /** The version new calls run; calls in progress keep the version they started with. */
  @Column({ type: 'int', nullable: true })
  liveVersion!: number | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;
}
