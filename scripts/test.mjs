#!/usr/bin/env node
// The whole test suite: type-check, lint, build (the browser journeys run against the built app),
// then every vitest project. Ends with one line "N passed, N failed, N skipped" for CI to read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, 'node_modules', '.vitest-results.json');

function step(name, command, args) {
  process.stderr.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

const failedSteps = [];
for (const [name, command, args] of [
  ['typecheck', 'pnpm', ['run', 'typecheck']],
  ['lint', 'pnpm', ['run', 'lint']],
  ['build', 'pnpm', ['run', 'build']],
]) {
  if (!step(name, command, args)) failedSteps.push(name);
}

rmSync(resultsFile, { force: true });
const vitestOk = step('tests', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests ?? 0;
  failed = results.numFailedTests ?? 0;
  skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  // A suite that fails to load has no failed tests but is a failure all the same.
  failed += (results.testResults ?? []).filter(
    (file) => file.status === 'failed' && file.assertionResults?.length === 0,
  ).length;
} else if (!vitestOk) failed += 1;

failed += failedSteps.length;
if (failedSteps.length) process.stderr.write(`\nfailed steps: ${failedSteps.join(', ')}\n`);
if (!vitestOk && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
