/** Profile A's call flow as a scenario, and the SQLite table its lookup reads (shared by both SUTs). */
import type { ScenarioDocumentInput } from '../../packages/scenario-schema/src/index.js';

/** answer, a prompt of `promptMs`, one digit, SQL lookup, say the number found, hang up. */
export function callScenario(promptMs: number): ScenarioDocumentInput {
  return {
    format: 'ivr-scenario/1',
    id: 'bench-call',
    name: 'Benchmark call',
    kind: 'main',
    variables: [
      { name: 'digit', type: 'string', scope: 'run' },
      { name: 'balance', type: 'string', scope: 'run', initial: '0' },
    ],
    start: 'answer',
    onError: 'bye',
    nodes: [
      { id: 'answer', type: 'answer', typeVersion: 1, params: {}, exits: { ok: 'ask' } },
      {
        id: 'ask',
        type: 'input',
        typeVersion: 1,
        params: {
          prompt: { file: `silence_stream://${promptMs}` },
          minDigits: 1,
          maxDigits: 1,
          timeout: 10,
          retries: 0,
          into: 'digit',
        },
        exits: { ok: 'lookup', noinput: 'bye', invalid: 'bye' },
      },
      {
        id: 'lookup',
        type: 'sql',
        typeVersion: 1,
        params: {
          connection: 'accounts',
          query: 'SELECT balance FROM accounts WHERE id = @digit',
          map: { balance: 'balance' },
        },
        exits: { ok: 'tell', empty: 'bye', error: 'bye' },
      },
      {
        id: 'tell',
        type: 'play',
        typeVersion: 1,
        params: { prompt: { say: { type: 'number', value: '{{ balance }}' } } },
        exits: { ok: 'bye' },
      },
      { id: 'bye', type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} },
    ],
  };
}

/** The part of better-sqlite3 used here (it is the runtime's dependency, loaded from there). */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): unknown; get(...args: unknown[]): unknown };
  close(): void;
}

export function createAccounts(db: SqliteDatabase): void {
  db.exec('DROP TABLE IF EXISTS accounts; CREATE TABLE accounts (id TEXT PRIMARY KEY, balance TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO accounts VALUES (?, ?)');
  for (let digit = 0; digit <= 9; digit++) insert.run(String(digit), String(40 + digit));
  db.close();
}
