import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { nowIso } from '../common/time.js';
import type { JsonObject } from '../database/json-text.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

export interface AuditRecord {
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: JsonObject;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>) {}

  async record(record: AuditRecord): Promise<void> {
    await this.entries.insert({
      id: randomUUID(),
      at: nowIso(),
      actor: record.actor,
      action: record.action,
      targetType: record.targetType ?? null,
      targetId: record.targetId ?? null,
      details: record.details ?? null,
    });
  }

  async list(query: AuditQuery): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const qb = this.entries.createQueryBuilder('a');
    if (query.actor) qb.andWhere('a.actor = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.targetType) qb.andWhere('a.targetType = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.targetId = :targetId', { targetId: query.targetId });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items, total };
  }
}
