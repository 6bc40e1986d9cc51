import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { nowIso } from '../common/time.js';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';
import { matchesNumber, patternsOverlap, withinTimeConditions } from './number-pattern.js';
import { ParkingLotEntity } from './parking-lot.entity.js';
import { RouteEntity } from './route.entity.js';
import type { RouteInput } from './routing.schemas.js';
import { requireScenarioOfKind } from './scenario-lookup.js';

export interface RouteOverlap {
  routeId: string;
  name: string;
  /** Same priority: which one wins is down to the tie-break (oldest first), likely a mistake. */
  samePriority: boolean;
}

export type RouteView = RouteEntity & { overlaps: RouteOverlap[]; parkingConflicts: string[] };

@Injectable()
export class RoutesService {
  constructor(
    @InjectRepository(RouteEntity) private readonly routes: Repository<RouteEntity>,
    @InjectRepository(ParkingLotEntity) private readonly lots: Repository<ParkingLotEntity>,
    @InjectRepository(ScenarioEntity) private readonly scenarios: Repository<ScenarioEntity>,
  ) {}

  async list(): Promise<RouteView[]> {
    const all = await this.ordered();
    const lots = await this.lots.find();
    return all.map((route) => this.describe(route, all, lots));
  }

  async get(id: string): Promise<RouteView> {
    const route = await this.require(id);
    return this.describe(route, await this.ordered(), await this.lots.find());
  }

  async create(input: RouteInput): Promise<RouteView> {
    await requireScenarioOfKind(this.scenarios, input.scenarioId, ['main']);
    const now = nowIso();
    const id = randomUUID();
    await this.routes.insert({ ...input, id, createdAt: now, updatedAt: now });
    return this.get(id);
  }

  async update(id: string, input: RouteInput): Promise<RouteView> {
    await this.require(id);
    await requireScenarioOfKind(this.scenarios, input.scenarioId, ['main']);
    await this.routes.update({ id }, { ...input, updatedAt: nowIso() });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.require(id);
    await this.routes.delete({ id });
  }

  /** The route a call to `number` at `at` takes: enabled, matching, in its time window, highest priority. */
  async resolve(number: string, at: Date): Promise<RouteEntity | null> {
    const candidates = (await this.ordered()).filter(
      (route) =>
        route.enabled && matchesNumber(route, number) && withinTimeConditions(route.timeConditions, route.timeZone, at),
    );
    return candidates[0] ?? null;
  }

  /** Highest priority first; ties go to the older route, so adding a route never silently steals calls. */
  private ordered(): Promise<RouteEntity[]> {
    return this.routes.find({ order: { priority: 'DESC', createdAt: 'ASC', id: 'ASC' } });
  }

  private describe(route: RouteEntity, all: RouteEntity[], lots: ParkingLotEntity[]): RouteView {
    const overlaps = all
      .filter((other) => other.id !== route.id && patternsOverlap(route, other))
      .map((other) => ({ routeId: other.id, name: other.name, samePriority: other.priority === route.priority }));
    const parkingConflicts = lots
      .filter((lot) => lotNumbers(lot).some((n) => matchesNumber(route, n)))
      .map((lot) => `matches numbers of parking lot ${lot.name}`);
    return { ...route, overlaps, parkingConflicts };
  }

  private async require(id: string): Promise<RouteEntity> {
    const route = await this.routes.findOneBy({ id });
    if (!route) throw new NotFoundException(`No route ${id}`);
    return route;
  }
}

/** The park number and every slot number of a lot. */
export function lotNumbers(lot: Pick<ParkingLotEntity, 'parkNumber' | 'slotFrom' | 'slotTo'>): string[] {
  const numbers = [lot.parkNumber];
  for (let slot = lot.slotFrom; slot <= lot.slotTo; slot++) numbers.push(String(slot));
  return numbers;
}
