import { BadRequestException } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { ScenarioEntity } from '../scenarios/scenario.entity.js';

/** Refuses a binding to a scenario that does not exist or is of the wrong kind. */
export async function requireScenarioOfKind(
  scenarios: Repository<ScenarioEntity>,
  id: string,
  kinds: readonly string[],
  field = 'scenarioId',
): Promise<void> {
  const scenario = await scenarios.findOne({ where: { id }, select: ['id', 'kind'] });
  if (!scenario) throw new BadRequestException(`Invalid input: ${field}: no scenario ${id}`);
  if (!kinds.includes(scenario.kind)) {
    throw new BadRequestException(
      `Invalid input: ${field}: scenario ${id} is ${scenario.kind}; it must be ${kinds.join(' or ')}`,
    );
  }
}
