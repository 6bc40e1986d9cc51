import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from '../database/json-text.js';

export const MATCH_TYPES = ['exact', 'prefix', 'regex'] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

/** A weekly window in a time zone: the route applies only inside one of its windows. */
export interface TimeCondition {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: number[];
  /** HH:MM, inclusive. */
  from: string;
  /** HH:MM, exclusive; earlier than `from` means the window runs past midnight. */
  to: string;
}

/** A dialed-number pattern bound to a main scenario. */
@Entity('routes')
export class RouteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  matchType!: MatchType;

  @Column({ type: 'varchar', length: 200 })
  pattern!: string;

  @Column({ type: 'varchar', length: 64 })
  scenarioId!: string;

  /** Higher wins when several routes match. */
  @Column({ type: 'int' })
  priority!: number;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  timeConditions!: TimeCondition[] | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone!: string | null;

  // The constructor, not a type name: TypeORM maps it to boolean or bit per database.
  @Column({ type: Boolean })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt!: string;
}
