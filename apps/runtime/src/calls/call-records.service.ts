import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CallRecordEntity } from './call-record.entity.js';

export interface CallRecordQuery {
  from?: string;
  to?: string;
  caller?: string;
  callee?: string;
  scenarioId?: string;
  result?: string;
  direction?: 'inbound' | 'outbound';
  campaignId?: string;
  limit: number;
  offset: number;
}

/** CDRs: the engine writes them (start, then updates), the API lists them. */
@Injectable()
export class CallRecordsService {
  constructor(@InjectRepository(CallRecordEntity) private readonly records: Repository<CallRecordEntity>) {}

  async start(
    record: Omit<Partial<CallRecordEntity>, 'id'> & Pick<CallRecordEntity, 'direction' | 'startedAt'>,
    /** Given by a caller that retries the insert (the same id makes a retry harmless). */
    id: string = randomUUID(),
  ): Promise<string> {
    await this.records.insert({
      caller: null,
      callee: null,
      scenarioId: null,
      scenarioVersion: null,
      answeredAt: null,
      endedAt: null,
      durationMs: null,
      result: null,
      hangupCause: null,
      campaignId: null,
      legs: null,
      ...record,
      id,
    });
    return id;
  }

  async update(id: string, changes: Partial<Omit<CallRecordEntity, 'id'>>): Promise<void> {
    await this.records.update({ id }, changes);
  }

  async list(
    query: CallRecordQuery,
  ): Promise<{ items: CallRecordEntity[]; total: number; limit: number; offset: number }> {
    const qb = this.records.createQueryBuilder('c');
    if (query.from) qb.andWhere('c.startedAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('c.startedAt < :to', { to: query.to });
    if (query.caller) qb.andWhere('c.caller = :caller', { caller: query.caller });
    if (query.callee) qb.andWhere('c.callee = :callee', { callee: query.callee });
    if (query.scenarioId) qb.andWhere('c.scenarioId = :scenarioId', { scenarioId: query.scenarioId });
    if (query.result) qb.andWhere('c.result = :result', { result: query.result });
    if (query.direction) qb.andWhere('c.direction = :direction', { direction: query.direction });
    if (query.campaignId) qb.andWhere('c.campaignId = :campaignId', { campaignId: query.campaignId });
    const [items, total] = await qb
      .orderBy('c.startedAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<CallRecordEntity> {
    const record = await this.records.findOneBy({ id });
    if (!record) throw new NotFoundException(`No call ${id}`);
    return record;
  }
}
