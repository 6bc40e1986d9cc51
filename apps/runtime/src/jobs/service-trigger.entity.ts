import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText, type JsonObject } from '../database/json-text.js';

export const TRIGGER_TYPES = ['webhook', 'post-call', 'missed-call'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/**
 * What starts a scenario besides a call or a schedule: a webhook (token or HMAC), every ended call
 * (post-call processing), or a missed-call rule (schedules a callback to the caller).
 */
@Entity('service_triggers')
export class ServiceTriggerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: TriggerType;

  @Column({ type: 'varchar', length: 64 })
  scenarioId!: string;

  /** Type-specific, checked by zod: webhook auth mode; missed-call window, attempts, filters. */
  @Column({ type: 'text', transformer: jsonText })
  settings!: JsonObject;

  /** Webhook secret (token or HMAC key), sealed with SECRET_KEY. */
  @Column({ type: 'text', nullable: true })
  sealedSecret!: string | null;

  @Column({ type: Boolean })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
