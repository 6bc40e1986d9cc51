import { scenarioJsonSchema } from '@ivr/scenario-schema';
import type { CliIo } from '../io.js';

export async function schemaCommand(_args: string[], io: CliIo): Promise<number> {
  io.out.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  return 0;
}
