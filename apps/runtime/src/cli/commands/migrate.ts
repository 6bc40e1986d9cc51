import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { migrate } from '@ivr/scenario-schema';
import type { CliIo } from '../io.js';

/** Prints (or with --write, rewrites) each file in the current format. */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { write: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length === 0) {
    io.err.write('usage: pnpm ivr migrate FILE... [--write]\n');
    return 2;
  }
  let failed = false;
  for (const file of positionals) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      io.err.write(`${file}: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    const result = migrate(doc);
    if (!result.ok) {
      io.err.write(`${file}: ${result.message}\n`);
      failed = true;
      continue;
    }
    const text = JSON.stringify(result.document, null, 2) + '\n';
    if (values.write) {
      await writeFile(file, text);
      io.out.write(`${file}: ${result.applied.length ? result.applied.join(', ') : 'already current'}\n`);
    } else io.out.write(text);
  }
  return failed ? 1 : 0;
}
