import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { nowIso } from '../common/time.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';
import { CallbackNumberEntity } from './callback-number.entity.js';
import type { CallbackNumberInput } from './routing.schemas.js';
import { requireScenarioOfKind } from './scenario-lookup.js';

@Injectable()
export class CallbackNumbersService {
  constructor(
    @InjectRepository(CallbackNumberEntity) private readonly numbers: Repository<CallbackNumberEntity>,
    @InjectRepository(ScenarioEntity) private readonly scenarios: Repository<ScenarioEntity>,
  ) {}

  list(): Promise<CallbackNumberEntity[]> {
    return this.numbers.find({ order: { number: 'ASC' } });
  }

  async get(id: string): Promise<CallbackNumberEntity> {
    const found = await this.numbers.findOneBy({ id });
    if (!found) throw new NotFoundException(`No callback number ${id}`);
    return found;
  }

  async create(input: CallbackNumberInput): Promise<CallbackNumberEntity> {
    if (input.scenarioId) await requireScenarioOfKind(this.scenarios, input.scenarioId, ['ivr']);
    const now = nowIso();
    const row: CallbackNumberEntity = { ...input, id: randomUUID(), createdAt: now, updatedAt: now };
    await onUniqueViolation(
      () => this.numbers.insert(row),
      () => new ConflictException(`Callback number ${input.number} exists`),
    );
    return row;
  }

  async update(id: string, input: CallbackNumberInput): Promise<CallbackNumberEntity> {
    await this.get(id);
    if (input.scenarioId) await requireScenarioOfKind(this.scenarios, input.scenarioId, ['ivr']);
    await onUniqueViolation(
      () => this.numbers.update({ id }, { ...input, updatedAt: nowIso() }),
      () => new ConflictException(`Callback number ${input.number} exists`),
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.numbers.delete({ id });
  }
}
