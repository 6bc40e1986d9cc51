/**
 * The baseline: a hand-written modesl program doing profile A's call flow with no engine, the way
 * modesl's README sets it up (esl.Server on a plain net.Server, default socket settings: Nagle on,
 * each frame in several writes). Per call: connect, myevents json, linger, answer, the prompt,
 * wait for one digit, the same SQL lookup (better-sqlite3), say the number, hang up, exit.
 * env: BENCH_PROMPT_MS, BENCH_WORK.
 */
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../lib/report.js';
import { CallProbe } from './probe.js';
import { createAccounts, type SqliteDatabase } from './scenario.js';
import { serveWindows } from './sut.js';

interface ModeslEvent {
  getHeader(name: string): string | null;
}
interface ModeslConnection {
  getInfo(): ModeslEvent;
  sendRecv(command: string, args: Record<string, string> | null, cb: (event: ModeslEvent) => void): void;
  execute(app: string, arg: string, cb: (event: ModeslEvent) => void): string;
  once(event: string, listener: (event: ModeslEvent) => void): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  disconnect(): void;
}
interface ModeslServer {
  on(event: 'connection::open' | 'connection::ready', listener: (conn: ModeslConnection) => void): void;
  on(event: 'connection::close', listener: (conn: ModeslConnection) => void): void;
}

const runtimeRequire = createRequire(join(repoRoot(), 'apps', 'runtime', 'package.json'));
const modesl = runtimeRequire('modesl') as {
  Server: new (options: { server: ReturnType<typeof createServer> }) => ModeslServer;
};
const Database = runtimeRequire('better-sqlite3') as new (file: string) => SqliteDatabase;

const promptMs = Number(process.env.BENCH_PROMPT_MS ?? 3000);
const dbFile = join(process.env.BENCH_WORK!, 'baseline-accounts.sqlite');
createAccounts(new Database(dbFile));
const db = new Database(dbFile);
const lookup = db.prepare('SELECT balance FROM accounts WHERE id = ?');

const errors: string[] = [];
const probe = new CallProbe();
const server = createServer();
server.on('connection', (socket) => probe.attach(socket));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
// modesl's Server takes a listening net.Server (its own `port` option cannot be 0).
const esl = new modesl.Server({ server });

// `myevents` goes right behind modesl's own `connect`, as the runtime does it. Sent only once modesl
// is ready, it lands after modesl's connect-time `event json BACKGROUND_JOB CHANNEL_EXECUTE_COMPLETE`,
// which until then brings this socket every channel's completions: a first run showed 4x the bytes
// per call at 100 calls/s, which made the baseline, not the runtime, the one that paid for load.
esl.on('connection::open', (conn) => {
  conn.sendRecv('myevents json', null, () => undefined);
  conn.sendRecv('linger', null, () => undefined);
});

esl.on('connection::ready', (conn) => {
  const uuid = conn.getInfo().getHeader('Unique-ID') ?? '';
  let said = false;
  conn.on('error', (error) => errors.push(`socket error: ${String(error)}`));
  conn.on('esl::end', () => {
    if (!said) errors.push(`call ${uuid} ended before the number was said`);
  });
  conn.execute('answer', '', () => {
    conn.once(`esl::event::DTMF::${uuid}`, (dtmf) => {
      const row = lookup.get(dtmf.getHeader('DTMF-Digit') ?? '') as { balance: string } | undefined;
      conn.execute('say', `en number pronounced ${row?.balance ?? '0'}`, () => {
        said = true;
        conn.once(`esl::event::CHANNEL_HANGUP_COMPLETE::${uuid}`, () => conn.disconnect());
        conn.sendRecv(`sendmsg ${uuid}`, { 'call-command': 'hangup', 'hangup-cause': 'NORMAL_CLEARING' }, () => {});
      });
    });
    conn.execute('playback', `silence_stream://${promptMs}`, () => {});
  });
});

serveWindows(probe, errors, async () => {
  server.close();
  db.close();
});
process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
