// Writes docs/scenario.schema.json from the zod definitions; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/json-schema.js';

const target = new URL('../../../docs/scenario.schema.json', import.meta.url);
writeFileSync(target, JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target.pathname}`);
