import { parseArgs } from 'node:util';
import { catalog } from '@ivr/components';
import { exitsOf, type ComponentDefinition, type ExitDefinition } from '@ivr/scenario-schema';
import type { CliIo } from '../io.js';

/** Exits of a component; for exits derived from params, those of its default params, marked as derived. */
function describeExits(definition: ComponentDefinition): { exits: ExitDefinition[]; derived: boolean } {
  if (typeof definition.exits !== 'function') return { exits: [...definition.exits], derived: false };
  const defaults = definition.params.safeParse({});
  try {
    return {
      exits: [...exitsOf(definition, (defaults.success ? defaults.data : {}) as Record<string, unknown>)],
      derived: true,
    };
  } catch {
    return { exits: [], derived: true };
  }
}

export async function componentsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const rows = catalog.list().map((definition) => {
    const { exits, derived } = describeExits(definition);
    return {
      type: definition.type,
      typeVersion: definition.typeVersion,
      category: definition.category,
      title: definition.title.en,
      kinds: [...definition.kinds],
      precondition: definition.precondition,
      implemented: definition.implemented,
      exits: exits.map((e) => ({ id: e.id, wiring: e.wiring })),
      exitsDerivedFromParams: derived,
    };
  });
  if (values.json) {
    io.out.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  for (const row of rows) {
    const exits = row.exits.map((e) => e.id).join(', ') + (row.exitsDerivedFromParams ? ' (+ from params)' : '');
    io.out.write(
      `${`${row.type}@${row.typeVersion}`.padEnd(24)} ${row.category.padEnd(10)} kinds: ${row.kinds.join('/').padEnd(16)} exits: ${exits || '-'}${row.implemented ? '' : '  [no executor yet]'}\n`,
    );
  }
  io.out.write(`${rows.length} components\n`);
  return 0;
}
