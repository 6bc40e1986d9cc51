import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A number callbacks are placed from (the caller id shown), and the scenario run when answered. */
@Entity('callback_numbers')
export class CallbackNumberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  number!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  scenarioId!: string | null;

  /** FreeSWITCH gateway to dial out through; empty means the default. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  gateway!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
