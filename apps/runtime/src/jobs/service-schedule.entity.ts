import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

/** A service scenario started by a cron expression in a time zone. */
@Entity('service_schedules')
export class ServiceScheduleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  scenarioId!: string;

  @Column({ type: 'varchar', length: 100 })
  cron!: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'text', transformer: jsonText })
  args!: JsonObject;

  @Column({ type: Boolean })
  enabled!: boolean;

  /** The next fire time; advanced with compare-and-set so one node fires each occurrence once. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  nextRunAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  lastRunAt!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
