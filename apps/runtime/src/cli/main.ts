#!/usr/bin/env node
// The `ivr` command line: `pnpm ivr <command> ...` from the repository root.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr });
