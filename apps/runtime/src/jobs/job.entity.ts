import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

export type StoredJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * A job of the in-process queue. The id is the caller's idempotency key, so enqueueing the same
 * work twice stores it once. A running job holds a lease; when its node dies the lease runs out
 * and another worker (or the same node after a restart) takes it again.
 */
@Entity('jobs')
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text', transformer: jsonText })
  payload!: JsonObject;

  @Column({ type: 'varchar', length: 16 })
  status!: StoredJobStatus;

  /** ISO-8601 UTC: not before. */
  @Column({ type: 'varchar', length: 32 })
  runAt!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'int' })
  maxAttempts!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  leaseUntil!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
