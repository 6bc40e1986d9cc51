import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

/** A named external system scenarios use (SQL, SMS, mail, payments). */
@Entity('connections')
export class ConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ type: 'varchar', length: 16 })
  driver!: string;

  /** Non-secret settings only. */
  @Column({ type: 'text', transformer: jsonText })
  settings!: JsonObject;

  /** The secret fields as one AES-256-GCM sealed JSON object; never sent out by the API. */
  @Column({ type: 'text', nullable: true })
  sealedSecrets!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
