import { isDeepStrictEqual } from 'node:util';
import type { ScenarioTestCase } from './test-file.js';

/** What a case run produced, gathered from the emulator's history, the engine and the test doubles. */
export interface Observed {
  heard: string[];
  bridged: string[];
  variables: Record<string, unknown>;
  status: string;
  result?: string;
  lastNode?: string;
  hangupCause?: string;
  sql: (connection: string, query: string) => Promise<Array<Record<string, unknown>>>;
  http: Array<{ connection: string; method: string; path: string; body: unknown }>;
  sms: Array<{ to: string; text: string }>;
  mail: Array<{ to: string; subject: string }>;
  /** Runs started during the case (services, callbacks, other callers), in order. */
  runs: Array<{
    scenario: string;
    args: Readonly<Record<string, unknown>>;
    status: string;
    result?: string;
    variables: Record<string, unknown>;
  }>;
  callbacks: Array<{ to: string; scenario: string; status: string }>;
  excel: (file: string, sheet?: string) => Promise<Array<Record<string, unknown>>>;
  payments: { operations: number };
  /** SIP headers on the last bridge of the observed legs. */
  sentHeaders: Record<string, string>;
}

/** Does `actual` contain everything `expected` says (objects partially, arrays element by element)? */
export function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'number' && typeof actual === 'string') return String(expected) === actual;
    return isDeepStrictEqual(actual, expected);
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e))
    );
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value));
}

/** Finds `expected` items as substrings in `actual`, in order (other items may come between). */
function inOrder(actual: readonly string[], expected: readonly string[]): string | undefined {
  let from = 0;
  for (const wanted of expected) {
    const at = actual.findIndex((text, i) => i >= from && text.includes(wanted));
    if (at < 0) return wanted;
    from = at + 1;
  }
  return undefined;
}

const show = (value: unknown) => JSON.stringify(value);

/** Every way the observed run differs from the case's expectations; empty when it passes. */
export async function compare(observed: Observed, expect: ScenarioTestCase['expect']): Promise<string[]> {
  const failures: string[] = [];
  if (expect.heard) {
    const missing = inOrder(observed.heard, expect.heard);
    if (missing !== undefined) failures.push(`expected to hear "${missing}" (in order); heard ${show(observed.heard)}`);
  }
  for (const text of expect.notHeard ?? []) {
    if (observed.heard.some((h) => h.includes(text))) failures.push(`heard "${text}", which must not be played`);
  }
  if (expect.bridged && !isDeepStrictEqual(observed.bridged, expect.bridged)) {
    failures.push(`expected bridges to ${show(expect.bridged)}, got ${show(observed.bridged)}`);
  }
  for (const [name, value] of Object.entries(expect.variables ?? {})) {
    if (!matches(observed.variables[name], value)) {
      failures.push(`expected variable ${name} = ${show(value)}, got ${show(observed.variables[name])}`);
    }
  }
  const scalar = (label: string, actual: unknown, expected: unknown) => {
    if (expected !== undefined && actual !== expected)
      failures.push(`expected ${label} ${show(expected)}, got ${show(actual)}`);
  };
  scalar('status', observed.status, expect.status);
  scalar('result', observed.result, expect.result);
  scalar('last node', observed.lastNode, expect.lastNode);
  scalar('hangup cause', observed.hangupCause, expect.hangupCause);
  for (const check of expect.sql ?? []) {
    const rows = await observed.sql(check.connection, check.query);
    if (!matches(rows, check.rows))
      failures.push(`${check.query}: expected rows ${show(check.rows)}, got ${show(rows)}`);
  }
  for (const wanted of expect.http ?? []) {
    const found = observed.http.some(
      (r) =>
        r.connection === wanted.connection &&
        r.path === wanted.path &&
        (wanted.method === undefined || r.method === wanted.method.toUpperCase()) &&
        (wanted.body === undefined || matches(r.body, wanted.body)),
    );
    if (!found) failures.push(`expected an HTTP request ${show(wanted)}; got ${show(observed.http)}`);
  }
  if (expect.sms && !matches(observed.sms, expect.sms))
    failures.push(`expected SMS ${show(expect.sms)}, got ${show(observed.sms)}`);
  if (expect.mail && !matches(observed.mail, expect.mail)) {
    failures.push(`expected e-mail ${show(expect.mail)}, got ${show(observed.mail)}`);
  }
  if (expect.runs) {
    // In order, others may come between: each expected run matches the next run that fits it.
    let from = 0;
    for (const wanted of expect.runs) {
      const at = observed.runs.findIndex((run, i) => i >= from && matches(run, wanted));
      if (at < 0) {
        failures.push(`expected a run ${show(wanted)} (in order); runs were ${show(observed.runs)}`);
        break;
      }
      from = at + 1;
    }
  }
  if (expect.callbacks && !matches(observed.callbacks, expect.callbacks))
    failures.push(`expected callbacks ${show(expect.callbacks)}, got ${show(observed.callbacks)}`);
  for (const check of expect.excel ?? []) {
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await observed.excel(check.file, check.sheet);
    } catch (error) {
      failures.push(`${check.file}: ${(error as Error).message}`);
      continue;
    }
    if (!matches(rows, check.rows))
      failures.push(`${check.file}: expected rows ${show(check.rows)}, got ${show(rows)}`);
  }
  if (expect.sentHeaders && !matches(observed.sentHeaders, expect.sentHeaders)) {
    failures.push(
      `expected the bridge to send SIP headers ${show(expect.sentHeaders)}, got ${show(observed.sentHeaders)}`,
    );
  }
  if (expect.payments && observed.payments.operations !== expect.payments.operations) {
    failures.push(
      `expected ${expect.payments.operations} payment operation(s) at the processor, got ${observed.payments.operations}`,
    );
  }
  return failures;
}
