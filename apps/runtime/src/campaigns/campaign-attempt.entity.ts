import { Column, Entity, PrimaryColumn } from 'typeorm';

/** queued: the job is on its way; dialing: a worker holds the lease and is calling; then ended. */
export type AttemptStatus = 'queued' | 'dialing' | 'ended';

/**
 * One dial of one contact. The id is `<contactId>:<attemptNo>`, so the same attempt can be queued
 * any number of times (after a crash, by a retried job) and still dials at most once: a worker
 * moves it from queued to dialing with a compare-and-set, and only the winner dials.
 */
@Entity('campaign_attempts')
export class CampaignAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 48 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  campaignId!: string;

  @Column({ type: 'varchar', length: 36 })
  contactId!: string;

  @Column({ type: 'int' })
  attemptNo!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: AttemptStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  leaseUntil!: string | null;

  /** When it was dispatched (the pacing clock). */
  @Column({ type: 'varchar', length: 32 })
  queuedAt!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  startedAt!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  endedAt!: string | null;

  /** answered, busy, noanswer, failed, interrupted, error... */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  cause!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  result!: string | null;
}
