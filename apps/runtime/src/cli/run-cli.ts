import { componentsCommand } from './commands/components.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { schemaCommand } from './commands/schema.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';
import type { CliIo } from './io.js';

const COMMANDS: Record<string, { summary: string; run: (args: string[], io: CliIo) => Promise<number> }> = {
  validate: {
    summary: 'validate FILE... [--json]   check scenario files; exit 1 when any has an error',
    run: validateCommand,
  },
  components: {
    summary: 'components [--json]         list the component catalog with kinds and exits',
    run: componentsCommand,
  },
  schema: { summary: 'schema                      print the JSON Schema of a scenario document', run: schemaCommand },
  migrate: { summary: 'migrate FILE... [--write]   bring scenario files to the current format', run: migrateCommand },
  import: {
    summary: 'import PATH...              import scenario files or sample folders into a running runtime',
    run: importCommand,
  },
  test: {
    summary: 'test PATH...                run scenario test cases on the emulator; exit 1 when any fails',
    run: testCommand,
  },
};

function usage(): string {
  return ['usage: pnpm ivr <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`), ''].join(
    '\n',
  );
}

/** Runs one CLI command and returns the process exit code (0 ok, 1 findings, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err.write(`ivr: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    io.err.write(`ivr ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
