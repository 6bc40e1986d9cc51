import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { runScenarioTestFile } from './harness.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

async function cli(...argv: string[]) {
  let out = '';
  const code = await runCli(argv, {
    out: { write: (t: string) => (out += t) },
    err: { write: (t: string) => (out += t) },
  });
  return { code, out };
}

describe('scenario test cases', () => {
  it('runs a call through the emulator, the engine and SQLite, and passes when all happened', async () => {
    const result = await runScenarioTestFile(fixture('order-status.test.yaml'));
    expect(result.error).toBeUndefined();
    expect(result.cases.map((c) => [c.name, c.passed, c.failures])).toEqual([
      ['a known order is read out', true, []],
      ['an unknown order gets its own answer', true, []],
    ]);
  });

  it('fails a case whose expectations are wrong, saying what differs', async () => {
    const result = await runScenarioTestFile(fixture('failing.test.yaml'));
    expect(result.cases).toHaveLength(1);
    expect(result.cases[0]!.passed).toBe(false);
    expect(result.cases[0]!.failures.join('\n')).toContain('expected to hear "Order 123 is delivered"');
    expect(result.cases[0]!.failures.join('\n')).toContain('expected variable status = "delivered", got "shipped"');
  });

  it('`ivr test` prints a line per case and N passed, N failed, exiting 1 on a failure', async () => {
    const { code, out } = await cli('test', fixture('.'));
    expect(out).toMatch(/✓ .*order-status\.test\.yaml › a known order is read out/);
    expect(out).toMatch(/✗ .*failing\.test\.yaml › expects a status the database does not have/);
    expect(out.trim().split('\n').at(-1)).toBe('2 passed, 1 failed');
    expect(code).toBe(1);
  });

  it('reports a broken test file as a failure with its reason', async () => {
    const { code, out } = await cli('test', fixture('order-status.json'));
    expect(out).toContain('✗');
    expect(out).toContain('scenarios: ');
    expect(code).toBe(1);
  });
});
