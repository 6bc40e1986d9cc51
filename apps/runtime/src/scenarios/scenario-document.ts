import { BadRequestException } from '@nestjs/common';
import { CURRENT_FORMAT, SCENARIO_KINDS, migrate, scenarioIdSchema } from '@ivr/scenario-schema';
import { z } from 'zod';
import type { JsonObject } from '../database/json-text.js';
import { describeZodIssues } from '../common/zod-body.js';

export type ScenarioJson = JsonObject & { id: string; name: string; kind: (typeof SCENARIO_KINDS)[number] };

/**
 * What a draft must have to be stored: its identity. The rest may be work in progress; the
 * validator reports it, and publish refuses it while it has errors.
 */
const draftEnvelope = z.looseObject({
  format: z.literal(CURRENT_FORMAT),
  id: scenarioIdSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(SCENARIO_KINDS),
  nodes: z.array(z.unknown()).optional(),
});

/** Brings a document to the current format and checks its envelope; 400 with the reason otherwise. */
export function readScenarioDocument(input: unknown, where = 'document'): ScenarioJson {
  const migrated = migrate(input);
  if (!migrated.ok) throw new BadRequestException(`Invalid input: ${where}: ${migrated.message}`);
  const parsed = draftEnvelope.safeParse(migrated.document);
  if (!parsed.success) {
    const { message, details } = describeZodIssues(parsed.error);
    throw new BadRequestException({ message: `Invalid input: ${where}: ${message}`, details });
  }
  return parsed.data as ScenarioJson;
}
