/**
 * modesl (the ESL client the runtime's adapter wraps) against the emulator, in both modes.
 * modesl is CommonJS and old: it connects with net.connect and writes commands in several
 * small writes, so these tests also cover split frames.
 */
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../src/emulator.js';

const require = createRequire(import.meta.url);

const esl = require('modesl') as {
  Connection: new (...args: unknown[]) => EslClient;
  Server: new (opts: { server: Server; myevents?: boolean }) => NodeJS.EventEmitter;
};

interface EslEventLike {
  getHeader(name: string): string | undefined;
  getBody(): string;
  getType(): string;
}
interface EslClient extends NodeJS.EventEmitter {
  api(cmd: string, cb: (res: EslEventLike) => void): void;
  bgapi(cmd: string, cb: (res: EslEventLike) => void): void;
  execute(app: string, arg: string, cb: (ev: EslEventLike) => void): void;
  events(type: string, events: string, cb?: () => void): void;
  sendRecv(cmd: string, cb: (ev: EslEventLike) => void): void;
  getInfo(): EslEventLike;
  disconnect(): void;
  connected(): boolean;
}

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(opts: ConstructorParameters<typeof Emulator>[0] = {}): Promise<Emulator> {
  emulator = new Emulator({ port: 0, timeScale: 0.01, heartbeatSeconds: 0, ...opts });
  await emulator.listen();
  return emulator;
}

function inbound(port: number, password = 'ClueCon'): Promise<EslClient> {
  return new Promise((resolve, reject) => {
    const conn = new esl.Connection('127.0.0.1', port, password, () => resolve(conn));
    conn.on('error', reject);
  });
}

const call = <T>(fn: (cb: (x: T) => void) => void) => new Promise<T>((resolve) => fn(resolve));

describe('modesl inbound', () => {
  it('authenticates, runs api and bgapi, and receives events', async () => {
    const em = await start();
    const conn = await inbound(em.address!.port);
    const status = await call<EslEventLike>((cb) => conn.api('status', cb));
    expect(status.getBody()).toMatch(/^UP 0 years/);
    const unknown = await call<EslEventLike>((cb) => conn.api('no_such_command', cb));
    expect(unknown.getBody()).toBe('-ERR no_such_command Command not found!\n');

    await call<void>((cb) => conn.events('plain', 'CHANNEL_ANSWER BACKGROUND_JOB', () => cb()));
    const answered = new Promise<EslEventLike>((resolve) => conn.once('esl::event::CHANNEL_ANSWER::*', resolve));
    const job = await call<EslEventLike>((cb) => conn.bgapi('originate {ivr_run_id=m1}loopback/9996 &park()', cb));
    expect(job.getBody()).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    expect((await answered).getHeader('Answer-State')).toBe('answered');
    conn.disconnect();
  });

  it('is refused with a wrong password', async () => {
    const em = await start();
    await expect(
      new Promise((resolve, reject) => {
        const conn = new esl.Connection('127.0.0.1', em.address!.port, 'wrong', () => resolve(conn));
        conn.on('error', reject);
        conn.on('esl::end', () => reject(new Error('closed')));
      }),
    ).rejects.toBeDefined();
  });
});

describe('modesl outbound', () => {
  it('drives a whole call: answer, playback, play_and_get_digits, hangup', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const eslServer = new esl.Server({ server, myevents: true });
    const em = await start({ outbound: { host: '127.0.0.1', port } });
    const done = new Promise<{ digits: string | undefined; events: string[] }>((resolve, reject) => {
      eslServer.on('connection::ready', (conn: EslClient) => {
        const events: string[] = [];
        conn.on('esl::event::**', (ev: EslEventLike) => events.push(ev.getHeader('Event-Name') ?? ''));
        const uuid = conn.getInfo().getHeader('Unique-ID')!;
        conn.execute('answer', '', () => {
          conn.execute('playback', 'tone_stream://%(1000,0,440)', () => {
            // The caller presses keys once the prompt-and-collect has started.
            conn.on('esl::event::CHANNEL_EXECUTE::*', (ev: EslEventLike) => {
              if (ev.getHeader('Application') === 'play_and_get_digits') void em.pressDigits(uuid, '42#');
            });
            conn.execute(
              'play_and_get_digits',
              '1 4 1 3000 # silence_stream://100 silence_stream://100 ivr_digits \\d+',
              (complete) => {
                const digits = complete.getHeader('variable_ivr_digits');
                conn.execute('hangup', 'NORMAL_CLEARING', () => resolve({ digits, events }));
              },
            );
          });
        });
        conn.on('error', reject);
      });
    });
    const handle = em.placeCall({ to: '5551000', from: '1001', headers: { 'X-Order-Id': '77' } });
    const result = await done;
    expect(result.digits).toBe('42');
    expect(result.events).toContain('CHANNEL_ANSWER');
    expect(result.events).toContain('DTMF');
    const summary = await handle.ended();
    expect(summary?.hangupCause).toBe('NORMAL_CLEARING');
    expect(summary?.digitsPressed).toBe('42#');
    expect(em.activeCalls).toBe(0);
    server.close();
  });
});
