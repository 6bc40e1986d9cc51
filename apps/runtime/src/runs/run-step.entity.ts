import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from '../database/json-text.js';

/** One traced step of a scenario run: what the designer replays and the calls page shows. */
@Entity('run_steps')
export class RunStepEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  runId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  callId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  scenarioId!: string;

  @Column({ type: 'int' })
  scenarioVersion!: number;

  @Column({ type: 'varchar', length: 64 })
  nodeId!: string;

  @Column({ type: 'varchar', length: 64 })
  component!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  exit!: string | null;

  @Column({ type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ type: 'int' })
  durationMs!: number;

  /** Changed variables, sensitive ones already redacted by the engine. */
  @Column({ type: 'text', transformer: jsonText })
  changed!: Record<string, unknown>;

  @Column({ type: 'text', transformer: jsonText })
  notes!: Array<{ message: string; data?: Record<string, unknown> }>;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  error!: { code: string; message: string } | null;
}
