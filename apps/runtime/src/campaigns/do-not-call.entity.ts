import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Numbers no campaign may dial. */
@Entity('do_not_call')
export class DoNotCallEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  addedBy!: string;

  @Column({ type: 'varchar', length: 32 })
  addedAt!: string;
}
