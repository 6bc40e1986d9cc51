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
    expect(out).toMatch(/✓ .*extended\/office\.test\.yaml › at night the callback waits for its window/);
    expect(out.trim().split('\n').at(-1)).toBe('8 passed, 5 failed');
    expect(code).toBe(1);
  });

  it('runs services and callbacks in-process, on the case clock, with workbooks and per-case HTTP answers', async () => {
    const result = await runScenarioTestFile(fixture('extended/office.test.yaml'));
    expect(result.error).toBeUndefined();
    expect(result.cases.map((c) => [c.name, c.failures])).toEqual([
      ['in office hours a known caller is greeted by name and the CRM is notified', []],
      ['a case answers with its own HTTP status', []],
      ['in the evening the caller is called back and connected', []],
      ['at night the callback waits for its window', []],
    ]);
  });

  it('routes numbers to parking and pickup, places more callers, and runs payments on the sandbox', async () => {
    const result = await runScenarioTestFile(fixture('extended/calls-and-payments.test.yaml'));
    expect(result.error).toBeUndefined();
    expect(result.cases.map((c) => [c.name, c.failures])).toEqual([
      ['a call parked by the route is picked up by a second caller dialing the slot', []],
      ['a card payment from SIP headers goes to the sandbox and comes back in headers and a callback', []],
    ]);
  });

  it('fails cases whose runs or callbacks differ, saying how', async () => {
    const result = await runScenarioTestFile(fixture('extended/failing-extended.test.yaml'));
    expect(result.cases.map((c) => c.passed)).toEqual([false, false]);
    expect(result.cases[0]!.failures.join('\n')).toContain('"status":"deferred"');
    expect(result.cases[1]!.failures.join('\n')).toContain('expected a run {"scenario":"notify","result":"notified"}');
    expect(result.cases[1]!.failures.join('\n')).toContain('"result":"crm down"');
  });

  it('refuses a test file with a bad clock or a route to a scenario it does not load', async () => {
    const { code, out } = await cli('test', fixture('extended/bad.test.yaml'), fixture('extended/bad-route.test.yaml'));
    expect(out).toContain('cases.0.now');
    expect(out).toContain('routes.710: no scenario with id "parking-lot" among desk');
    expect(code).toBe(1);
  });

  it('reports a broken test file as a failure with its reason', async () => {
    const { code, out } = await cli('test', fixture('order-status.json'));
    expect(out).toContain('✗');
    expect(out).toContain('scenarios: ');
    expect(code).toBe(1);
  });
});
