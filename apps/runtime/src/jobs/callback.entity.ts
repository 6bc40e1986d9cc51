import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

export type CallbackStatus = 'pending' | 'dialing' | 'answered' | 'failed' | 'cancelled';

/** A call back to a number, with its attempts; runs an IVR scenario on the answered leg. */
@Entity('callbacks')
export class CallbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  number!: string;

  /**
   * Unique: the number while the callback is open, `closed:<id>` after. A second request for a number
   * with an open callback joins the open one (deduplication per number, across nodes).
   */
  @Column({ type: 'varchar', length: 100, unique: true })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: 'scenario' | 'missed-call' | 'api';

  @Column({ type: 'varchar', length: 64 })
  scenarioId!: string;

  /** Target, args, caller id, window, ring timeout. */
  @Column({ type: 'text', transformer: jsonText })
  request!: JsonObject;

  @Column({ type: 'varchar', length: 16 })
  status!: CallbackStatus;

  @Column({ type: 'int' })
  attemptsMade!: number;

  @Column({ type: 'int' })
  maxAttempts!: number;

  @Column({ type: 'int' })
  retryIntervalMs!: number;

  @Column({ type: 'varchar', length: 32 })
  nextAttemptAt!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastCause!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  result!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
