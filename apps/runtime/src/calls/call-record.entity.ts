import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from '../database/json-text.js';

export interface CallLeg {
  uuid: string;
  number?: string;
  role: 'caller' | 'callee' | 'transfer' | 'bridge' | 'callback' | 'campaign';
  startedAt: string;
  answeredAt?: string;
  endedAt?: string;
  hangupCause?: string;
}

/** A call detail record, written by the engine as the call goes. */
@Entity('call_records')
export class CallRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  direction!: 'inbound' | 'outbound';

  @Column({ type: 'varchar', length: 64, nullable: true })
  caller!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  callee!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  scenarioId!: string | null;

  @Column({ type: 'int', nullable: true })
  scenarioVersion!: number | null;

  @Column({ type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  answeredAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  endedAt!: string | null;

  @Column({ type: 'int', nullable: true })
  durationMs!: number | null;

  /** How the run ended: completed, hangup, error, busy, noanswer... */
  @Column({ type: 'varchar', length: 32, nullable: true })
  result!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hangupCause!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  campaignId!: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  legs!: CallLeg[] | null;
}
