import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One global variable (scope `global`): shared by every run on every node. */
@Entity('global_variables')
export class GlobalVariableEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  name!: string;

  /** JSON text of the value. */
  @Column({ type: 'text' })
  value!: string;

  /** Bumped by every write: a node's cache takes a row only when this moved. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;

  /** The node that wrote it last (ESL_NODE_ID). */
  @Column({ type: 'varchar', length: 64 })
  updatedBy!: string;
}
