import { z } from 'zod';
import { scenarioDocumentSchema } from './document.js';

/** The published JSON Schema of a scenario document (committed at docs/scenario.schema.json). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioDocumentSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    $id: 'https://ivr-studio.dev/schemas/scenario.schema.json',
    title: 'IVR Studio scenario',
    description:
      'A scenario document (format ivr-scenario/1). Node params are checked per component by the validator, not by this schema.',
    ...schema,
  };
}
