/**
 * The system under test: the runtime as it takes calls, wired as the scenario-test harness does
 * (TelephonyService + ScenarioEngine + SqlAdapter on SQLite), connected to an emulator running in
 * another process as if it were FreeSWITCH. No Nest, no CDR or trace persistence.
 * env: BENCH_ESL host:port:password of the emulator, BENCH_PROMPT_MS, BENCH_WORK a scratch folder.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Server } from 'node:net';
import { catalog, type Ports } from '../../packages/components/src/index.js';
import { executors } from '../../packages/components/src/executors/index.js';
import { scenarioDocumentSchema } from '../../packages/scenario-schema/src/index.js';
import { ScenarioEngine } from '../../apps/runtime/src/engine/engine.js';
import type { ConnectionResolver } from '../../apps/runtime/src/integrations/connection-resolver.js';
import { SqlAdapter } from '../../apps/runtime/src/integrations/sql/sql-adapter.js';
import { DEFAULT_TELEPHONY_CONFIG } from '../../apps/runtime/src/telephony/config.js';
import { TelephonyService } from '../../apps/runtime/src/telephony/telephony-service.js';
import { CallProbe } from './probe.js';
import { repoRoot } from '../lib/report.js';
import { callScenario, createAccounts, type SqliteDatabase } from './scenario.js';
import { serveWindows } from './sut.js';

const [host, port, password] = (process.env.BENCH_ESL ?? '').split(':');
const promptMs = Number(process.env.BENCH_PROMPT_MS ?? 3000);
const work = process.env.BENCH_WORK!;
const Database = createRequire(join(repoRoot(), 'apps', 'runtime', 'package.json'))('better-sqlite3') as new (
  file: string,
) => SqliteDatabase;
const dbFile = join(work, 'runtime-accounts.sqlite');
createAccounts(new Database(dbFile));

const document = scenarioDocumentSchema.parse(callScenario(promptMs));
const errors: string[] = [];
const telephony = new TelephonyService(
  {
    ...DEFAULT_TELEPHONY_CONFIG,
    switches: [{ host: host!, port: Number(port), password: password! }],
    listenHost: '127.0.0.1',
    listenPort: 0,
    recordingsDir: join(work, 'recordings'),
    reaper: { intervalMs: 3_600_000, graceMs: 3_600_000 },
  },
  {
    log: (level, message, fields) => {
      if (level === 'error' || level === 'warn') errors.push(`${message} ${JSON.stringify(fields)}`);
    },
  },
);
const resolver: ConnectionResolver = {
  resolve: async (name) =>
    name === 'accounts' ? { name, type: 'sql', driver: 'sqlite', settings: { file: dbFile }, secrets: {} } : null,
};
const unavailable = (name: string) =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error(`${name} is not part of the benchmark`);
      },
    },
  );
await telephony.start();
const engine = new ScenarioEngine({
  catalog,
  executor: (type, version) => executors.get(`${type}@${version}`),
  scenarios: { load: async () => ({ document, version: 1 }) },
  ports: {
    switch: telephony.switchPort,
    sql: new SqlAdapter(resolver, work),
    http: unavailable('http') as Ports['http'],
    excel: unavailable('excel') as Ports['excel'],
    sms: unavailable('sms') as Ports['sms'],
    mail: unavailable('mail') as Ports['mail'],
    payments: unavailable('payments') as Ports['payments'],
    clock: {
      now: () => new Date(),
      sleep: (ms, { signal }) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }),
    },
  },
  legs: telephony.legClaims,
});
telephony.setRouter({ route: async () => ({ scenarioId: document.id }) });
telephony.setRunner({
  run: async (request) => {
    const result = await engine.run(request);
    if (result.status !== 'completed') errors.push(`run ${result.status}: ${result.reason ?? ''}`);
    return result;
  },
});

// The outbound server's listening socket is private to TelephonyService: reach it to time its calls.
const server = (telephony as unknown as { outbound: { server: Server } }).outbound.server;
const probe = new CallProbe();
server.on('connection', (socket) => probe.attach(socket));

serveWindows(probe, errors, () => telephony.stop());
process.send?.({ type: 'ready', port: telephony.outboundAddress!.port });
