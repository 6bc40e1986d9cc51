import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An audio prompt in one language; the file sits in the data folder under prompts/<language>/. */
@Entity('prompts')
export class PromptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  language!: string;

  @Column({ type: 'varchar', length: 8 })
  format!: 'wav' | 'mp3';

  @Column({ type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'int', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'int', nullable: true })
  sampleRate!: number | null;

  @Column({ type: 'int', nullable: true })
  channels!: number | null;

  /** Relative to the prompt store; built by the runtime, never taken from the upload. */
  @Column({ type: 'varchar', length: 200 })
  filePath!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 64 })
  uploadedBy!: string;

  @Column({ type: 'varchar', length: 32 })
  uploadedAt!: string;
}
