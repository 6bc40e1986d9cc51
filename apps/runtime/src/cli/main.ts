#!/usr/bin/env node
// The `ivr` command line: `pnpm ivr <command> ...` from the repository root.
import { runCli } from './run-cli.js';

// `pnpm ivr validate ... | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr });
