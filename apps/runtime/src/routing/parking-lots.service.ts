import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { nowIso } from '../common/time.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { ParkingLotEntity } from './parking-lot.entity.js';
import type { ParkingLotInput } from './routing.schemas.js';
import { lotNumbers } from './routes.service.js';

@Injectable()
export class ParkingLotsService {
  constructor(@InjectRepository(ParkingLotEntity) private readonly lots: Repository<ParkingLotEntity>) {}

  list(): Promise<ParkingLotEntity[]> {
    return this.lots.find({ order: { parkNumber: 'ASC' } });
  }

  async get(id: string): Promise<ParkingLotEntity> {
    const lot = await this.lots.findOneBy({ id });
    if (!lot) throw new NotFoundException(`No parking lot ${id}`);
    return lot;
  }

  async create(input: ParkingLotInput): Promise<ParkingLotEntity> {
    await this.refuseClashes(input);
    const now = nowIso();
    const lot: ParkingLotEntity = { ...input, id: randomUUID(), createdAt: now, updatedAt: now };
    await onUniqueViolation(
      () => this.lots.insert(lot),
      () => new ConflictException(`A parking lot named ${input.name} exists`),
    );
    return lot;
  }

  async update(id: string, input: ParkingLotInput): Promise<ParkingLotEntity> {
    await this.get(id);
    await this.refuseClashes(input, id);
    await onUniqueViolation(
      () => this.lots.update({ id }, { ...input, updatedAt: nowIso() }),
      () => new ConflictException(`A parking lot named ${input.name} exists`),
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.lots.delete({ id });
  }

  /** The lot whose park number or slot is `number`: how the engine tells park from pickup. */
  async findByNumber(
    number: string,
  ): Promise<{ lot: ParkingLotEntity; action: 'park' | 'pickup'; slot?: number } | null> {
    for (const lot of await this.list()) {
      if (lot.parkNumber === number) return { lot, action: 'park' };
      const slot = Number(number);
      if (/^\d+$/.test(number) && slot >= lot.slotFrom && slot <= lot.slotTo) return { lot, action: 'pickup', slot };
    }
    return null;
  }

  /** Two lots sharing a number would make park and pickup ambiguous. */
  private async refuseClashes(input: ParkingLotInput, selfId?: string): Promise<void> {
    const mine = new Set(lotNumbers(input));
    for (const other of await this.lots.find()) {
      if (other.id === selfId) continue;
      const shared = lotNumbers(other).filter((n) => mine.has(n));
      if (shared.length > 0) {
        throw new ConflictException(
          `Numbers ${shared.slice(0, 5).join(', ')} already belong to parking lot ${other.name}`,
        );
      }
    }
  }
}
