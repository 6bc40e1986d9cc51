import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Calls transferred to parkNumber are parked in the first free slot; dialing a slot picks it up. */
@Entity('parking_lots')
export class ParkingLotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  parkNumber!: string;

  @Column({ type: 'int' })
  slotFrom!: number;

  @Column({ type: 'int' })
  slotTo!: number;

  /** After this many seconds unanswered, the parked call rings the parker again. */
  @Column({ type: 'int' })
  timeoutSeconds!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
