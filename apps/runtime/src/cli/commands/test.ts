import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runScenarioTestFile } from '../../scenario-tests/harness.js';
import type { CliIo } from '../io.js';

const TEST_FILE = /\.test\.(ya?ml|json)$/i;

/** Test files named by the paths: files as given, folders searched (node_modules skipped). */
export async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        await visit(join(path, entry), false);
      }
    } else if (explicit || TEST_FILE.test(path)) found.push(path);
  };
  for (const path of paths) await visit(path, true);
  return found;
}

/** `pnpm ivr test PATH...`: runs scenario test cases on the embedded emulator, one line per case. */
export async function testCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'time-scale': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    io.err.write('usage: pnpm ivr test PATH... [--time-scale 0.05]\n');
    return 2;
  }
  const timeScale = values['time-scale'] === undefined ? undefined : Number(values['time-scale']);
  if (timeScale !== undefined && !(timeScale > 0 && timeScale <= 1)) {
    io.err.write('--time-scale must be a number above 0 and at most 1\n');
    return 2;
  }
  let files: string[];
  try {
    files = await findTestFiles(positionals);
  } catch (error) {
    io.err.write(`ivr test: ${(error as Error).message}\n`);
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const result = await runScenarioTestFile(file, timeScale === undefined ? {} : { timeScale });
    if (result.error) {
      failed += 1;
      io.out.write(`✗ ${name}: ${result.error}\n`);
      continue;
    }
    for (const testCase of result.cases) {
      if (testCase.passed) passed += 1;
      else failed += 1;
      io.out.write(`${testCase.passed ? '✓' : '✗'} ${name} › ${testCase.name} (${testCase.durationMs} ms)\n`);
      for (const failure of testCase.failures) io.out.write(`    ${failure}\n`);
    }
  }
  if (files.length === 0) io.out.write('no test files (*.test.yaml, *.test.json) found\n');
  io.out.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 || files.length === 0 ? 1 : 0;
}
