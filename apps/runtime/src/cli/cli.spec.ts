import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { catalog } from '@ivr/components';
import { DIAGNOSTIC_CODES, scenarioJsonSchema, type Diagnostic } from '@ivr/scenario-schema';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = join(repoRoot, 'packages/scenario-schema/fixtures');
const listJson = (folder: string) =>
  readdirSync(join(fixtures, folder))
    .filter((f) => f.endsWith('.json'))
    .sort();
const expectedBad: Record<string, string[]> = JSON.parse(readFileSync(join(fixtures, 'expected-bad.json'), 'utf8'));
const expectedWarnings: Record<string, string[]> = JSON.parse(
  readFileSync(join(fixtures, 'expected-warnings.json'), 'utf8'),
);

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: { write: (t: string) => (out += t) },
    err: { write: (t: string) => (err += t) },
  });
  return { code, out, err };
}

async function reportOf(file: string): Promise<{ code: number; diagnostics: Diagnostic[] }> {
  const { code, out } = await cli('validate', '--json', file);
  const [report] = JSON.parse(out) as Array<{ diagnostics: Diagnostic[] }>;
  return { code, diagnostics: report!.diagnostics };
}

const codes = (diagnostics: Diagnostic[], severity: 'error' | 'warning') =>
  [...new Set(diagnostics.filter((d) => d.severity === severity).map((d) => d.code))].sort();

describe('pnpm ivr validate', () => {
  it.each(listJson('good'))('accepts good/%s', async (file) => {
    const { code, diagnostics } = await reportOf(join(fixtures, 'good', file));
    expect(codes(diagnostics, 'error')).toEqual([]);
    expect(code).toBe(0);
  });

  it.each(listJson('bad'))('rejects bad/%s with its expected codes', async (file) => {
    expect(expectedBad[file], `expected-bad.json has no entry for ${file}`).toBeDefined();
    const { code, diagnostics } = await reportOf(join(fixtures, 'bad', file));
    expect(codes(diagnostics, 'error')).toEqual([...expectedBad[file]!].sort());
    expect(code).toBe(1);
  });

  it.each(listJson('warnings'))('warns about warnings/%s and still accepts it', async (file) => {
    const { code, diagnostics } = await reportOf(join(fixtures, 'warnings', file));
    expect(codes(diagnostics, 'error')).toEqual([]);
    for (const expected of expectedWarnings[file]!) expect(codes(diagnostics, 'warning')).toContain(expected);
    expect(code).toBe(0);
  });

  it('has a fixture for every diagnostic code the CLI can meet', () => {
    const covered = new Set([...Object.values(expectedBad).flat(), ...Object.values(expectedWarnings).flat()]);
    // Unit-tested in packages/scenario-schema with its test catalog: a validator bug, references to scenarios outside
    // the files given, and components without an executor (every real one has its executor).
    const elsewhere = new Set(['validator-internal', 'scenario-ref-missing', 'component-not-implemented']);
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c) && !elsewhere.has(c));
    expect(missing).toEqual([]);
    expect(Object.keys(expectedBad).sort()).toEqual(listJson('bad'));
  });

  it('prints readable diagnostics with node and path, and a summary', async () => {
    const { code, out } = await cli(
      'validate',
      join(fixtures, 'bad', 'undefined-variable.json'),
      join(fixtures, 'good', 'order-status.json'),
    );
    expect(code).toBe(1);
    expect(out).toContain(
      'error undefined-variable (node tell at /nodes/2/params/prompt/tts): {{ orderNumber }}: orderNumber is not declared',
    );
    expect(out).toMatch(/2 file\(s\): 1 error\(s\)/);
  });

  it('reports a missing file as an error instead of crashing', async () => {
    const { code, out } = await cli('validate', join(fixtures, 'no-such-file.json'));
    expect(code).toBe(1);
    expect(out).toContain('cannot read the file: ENOENT');
  });

  it('runs as a command from the repository root', async () => {
    const run = promisify(execFile);
    const good = await run('pnpm', ['-s', 'ivr', 'validate', join(fixtures, 'good', 'order-status.json')], {
      cwd: repoRoot,
    });
    expect(good.stdout).toContain('1 file(s): 0 error(s)');
    await expect(
      run('pnpm', ['-s', 'ivr', 'validate', join(fixtures, 'bad', 'start-missing.json')], { cwd: repoRoot }),
    ).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('start-missing'),
    });
  });
});

describe('pnpm ivr components / schema / migrate', () => {
  it('lists every component of the catalog with kinds and exits', async () => {
    const { code, out } = await cli('components', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Array<{ type: string; kinds: string[]; exits: Array<{ id: string }> }>;
    expect(rows.map((r) => r.type).sort()).toEqual(
      catalog
        .list()
        .map((d) => d.type)
        .sort(),
    );
    expect(rows.find((r) => r.type === 'input')).toMatchObject({
      kinds: ['main', 'ivr', 'service'],
      exits: expect.arrayContaining([{ id: 'noinput', wiring: 'error' }]),
    });
    expect((await cli('components')).out).toMatch(/^input@1 +call/m);
  });

  it('prints the JSON Schema', async () => {
    const { code, out } = await cli('schema');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(scenarioJsonSchema());
  });

  it('migrates an old document and refuses unknown commands', async () => {
    const old = join(repoRoot, 'packages/scenario-schema/src/migrations/__fixtures__/order-status.v0.json');
    const { code, out } = await cli('migrate', old);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ format: 'ivr-scenario/1', layout: { ask: { x: 10, y: 20 } } });
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli()).code).toBe(2);
    expect((await cli('validate')).code).toBe(2);
  });
});
