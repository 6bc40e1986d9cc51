import { randomUUID } from 'node:crypto';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CronExpressionParser } from 'cron-parser';
import type { Logger } from 'pino';
import { LessThanOrEqual, Repository } from 'typeorm';
import type { JsonObject } from '../database/json-text.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import type { Clock } from './clock.js';
import { JOBS_CLOCK } from './scenario-runner.js';
import { ServiceRunsService } from './service-runs.service.js';
import { ServiceScheduleEntity } from './service-schedule.entity.js';

export interface ScheduleInput {
  name: string;
  scenarioId: string;
  cron: string;
  timeZone: string;
  args: JsonObject;
  enabled: boolean;
}

/** The next occurrence of a cron expression after `after`, in the time zone. Throws on a bad expression. */
export function nextCronTime(cron: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone, strict: false }).next().toDate();
}

/**
 * Cron schedules of service scenarios. Each occurrence fires once across restarts and nodes: the
 * node that moves `nextRunAt` forward with a compare-and-set queues the run, keyed by the
 * occurrence, and the others see the row already moved.
 */
@Injectable()
export class SchedulesService {
  private readonly log: Logger;

  constructor(
    @InjectRepository(ServiceScheduleEntity) private readonly schedules: Repository<ServiceScheduleEntity>,
    @Inject(ServiceRunsService) private readonly runs: ServiceRunsService,
    @Inject(JOBS_CLOCK) private readonly clock: Clock,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ module: 'schedules' });
  }

  list(): Promise<ServiceScheduleEntity[]> {
    return this.schedules.find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<ServiceScheduleEntity> {
    const schedule = await this.schedules.findOneBy({ id });
    if (!schedule) throw new NotFoundException(`No schedule ${id}`);
    return schedule;
  }

  async create(input: ScheduleInput): Promise<ServiceScheduleEntity> {
    const now = this.clock.now();
    const id = randomUUID();
    await this.schedules.insert({
      id,
      ...input,
      nextRunAt: input.enabled ? this.next(input, now).toISOString() : null,
      lastRunAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    return this.get(id);
  }

  async update(id: string, input: ScheduleInput): Promise<ServiceScheduleEntity> {
    await this.get(id);
    const now = this.clock.now();
    await this.schedules.update(
      { id },
      {
        ...input,
        nextRunAt: input.enabled ? this.next(input, now).toISOString() : null,
        updatedAt: now.toISOString(),
      },
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.schedules.delete({ id });
  }

  /** Fires every due occurrence (one per schedule per tick; missed ones while down collapse into one). */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const due = await this.schedules.find({ where: { enabled: true, nextRunAt: LessThanOrEqual(now.toISOString()) } });
    let fired = 0;
    for (const schedule of due) {
      const occurrence = schedule.nextRunAt!;
      let next: string | null;
      try {
        next = this.next(schedule, now).toISOString();
      } catch {
        next = null;
      }
      const moved = await this.schedules.update(
        { id: schedule.id, nextRunAt: occurrence },
        { nextRunAt: next, lastRunAt: now.toISOString(), updatedAt: now.toISOString() },
      );
      if ((moved.affected ?? 0) !== 1) continue;
      await this.runs.start(
        schedule.scenarioId,
        { ...schedule.args, schedule: { id: schedule.id, name: schedule.name, occurrence } },
        'schedule',
        { key: `schedule:${schedule.id}:${occurrence}` },
      );
      fired += 1;
      this.log.info({ scheduleId: schedule.id, occurrence }, 'schedule fired');
    }
    return fired;
  }

  private next(input: Pick<ScheduleInput, 'cron' | 'timeZone'>, after: Date): Date {
    try {
      return nextCronTime(input.cron, input.timeZone, after);
    } catch (error) {
      throw new BadRequestException(`Invalid input: cron: ${(error as Error).message}`);
    }
  }
}
