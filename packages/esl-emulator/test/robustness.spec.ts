/**
 * Malformed input and load: garbage, partial frames, huge headers, wrong password, commands
 * before auth, clients vanishing mid-command, and 1,000 simultaneous calls.
 */
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../src/emulator.js';
import { FrameParser, headerValue, type Frame } from '@ivr/esl-protocol';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(opts: ConstructorParameters<typeof Emulator>[0] = {}): Promise<Emulator> {
  emulator = new Emulator({ port: 0, timeScale: 0.001, heartbeatSeconds: 0, ...opts });
  await emulator.listen();
  return emulator;
}

/** A raw client that collects frames and notices the close. */
async function client(port: number) {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
  const frames: Frame[] = [];
  let closed = false;
  const waiters: Array<() => void> = [];
  const parser = new FrameParser((f) => {
    frames.push(f);
    waiters.splice(0).forEach((w) => w());
  });
  socket.on('data', (c: Buffer) => parser.push(c));
  socket.on('close', () => {
    closed = true;
    waiters.splice(0).forEach((w) => w());
  });
  socket.on('error', () => {});
  const until = async (pred: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    socket,
    frames,
    get closed() {
      return closed;
    },
    until,
    replies: () =>
      frames.map(
        (f) => headerValue(f.headers, 'Reply-Text') ?? f.body?.toString() ?? headerValue(f.headers, 'Content-Type'),
      ),
  };
}

describe('malformed input', () => {
  it('answers commands before auth with -ERR command not found and keeps the socket', async () => {
    const em = await start();
    const c = await client(em.address!.port);
    c.socket.write('api status\n\nevent plain ALL\n\nauth ClueCon\n\n');
    await c.until(() => c.frames.length >= 4);
    expect(c.replies().slice(1, 4)).toEqual(['-ERR command not found', '-ERR command not found', '+OK accepted']);
    expect(c.closed).toBe(false);
    c.socket.destroy();
  });

  it('rejects a wrong password with -ERR invalid, a disconnect notice and a close', async () => {
    const em = await start();
    const c = await client(em.address!.port);
    c.socket.write('auth nope\n\n');
    await c.until(() => c.closed);
    expect(headerValue(c.frames[1]!.headers, 'Reply-Text')).toBe('-ERR invalid');
    expect(headerValue(c.frames[2]!.headers, 'Content-Type')).toBe('text/disconnect-notice');
  });

  it('survives garbage, binary noise and frames split byte by byte', async () => {
    const em = await start();
    const c = await client(em.address!.port);
    c.socket.write(Buffer.from([0, 255, 13, 10, 1, 2, 3, 10, 10]));
    c.socket.write('%%%%: ::\n: x\n\n');
    for (const ch of 'auth ClueCon\r\n\r\n') c.socket.write(ch);
    await c.until(() => c.replies().includes('+OK accepted'));
    for (const ch of 'api global_getvar domain\n\n') c.socket.write(ch);
    await c.until(() => c.replies().includes('127.0.0.1'));
    expect(c.closed).toBe(false);
    c.socket.destroy();
  });

  it('accepts a 200 KB header line and drops a client announcing more than 16 MiB', async () => {
    const em = await start();
    const c = await client(em.address!.port);
    c.socket.write(`auth ClueCon\n\napi global_getvar domain\nX-Huge: ${'b'.repeat(200_000)}\n\n`);
    await c.until(() => c.replies().includes('127.0.0.1'));
    c.socket.write('sendevent CUSTOM\nEvent-Subclass: x::y\nContent-Length: 20000000\n\n');
    await c.until(() => c.closed);
    expect(headerValue(c.frames.at(-1)!.headers, 'Content-Type')).toBe('text/disconnect-notice');
    // The server still serves others.
    const d = await client(em.address!.port);
    d.socket.write('auth ClueCon\n\n');
    await d.until(() => d.replies().includes('+OK accepted'));
    d.socket.destroy();
  });

  it('a client vanishing mid-command leaks nothing', async () => {
    const em = await start();
    const c = await client(em.address!.port);
    c.socket.write('auth ClueCon\n\napi originate loopback/9996 &park()\n\nsendmsg');
    c.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(await em.api('show channels count')).toMatch(/^\n2 total\.\n$/);
    await em.api('hupall');
    await new Promise((r) => setTimeout(r, 100));
    expect(em.activeCalls).toBe(0);
  });

  it('an outbound app that disconnects mid-call ends the call cleanly', async () => {
    const server = createServer((s) => {
      s.setNoDelay(true);
      s.write('connect\n\nmyevents\n\nsendmsg\ncall-command: execute\nexecute-app-name: playback\n');
      setTimeout(() => s.destroy(), 30);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const em = await start({ outbound: { host: '127.0.0.1', port: (server.address() as { port: number }).port } });
    const call = em.placeCall({ to: '5550001' });
    const summary = await call.ended();
    expect(summary?.hangupCause).toBe('NORMAL_CLEARING');
    expect(em.activeCalls).toBe(0);
    server.close();
  });

  it('a call whose outbound target is down is hung up, not leaked', async () => {
    const em = await start({ outbound: { host: '127.0.0.1', port: 1 } });
    const call = em.placeCall({ to: '5550002' });
    await call.ended();
    expect(em.activeCalls).toBe(0);
  });
});

describe('load', () => {
  it('carries 1,000 simultaneous calls without errors', async () => {
    // A minimal app: connect, myevents, linger, answer, a 500 ms tone, hangup (queued as an application), exit after the linger notice.
    const server = createServer((s) => {
      s.setNoDelay(true);
      let buf = '';
      let step = 0;
      s.write('connect\n\n');
      s.on('data', (c: Buffer) => {
        buf += c.toString('latin1');
        if (step === 0 && buf.includes('Control: full')) {
          step = 1;
          const exec = (app: string, arg?: string) =>
            `sendmsg\ncall-command: execute\nexecute-app-name: ${app}\n${arg ? `execute-app-arg: ${arg}\n` : ''}\n`;
          s.write(
            'myevents\n\nlinger\n\n' +
              exec('answer') +
              exec('playback', 'tone_stream://%(500,0,440)') +
              exec('hangup', 'NORMAL_CLEARING'),
          );
        }
        if (step === 1 && buf.includes('Content-Disposition: linger')) {
          step = 2;
          s.write('exit\n\n');
        }
      });
      s.on('error', () => {});
    });
    server.maxConnections = 2000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 2048, resolve));
    const em = await start({
      outbound: { host: '127.0.0.1', port: (server.address() as { port: number }).port },
      maxSessions: 2000,
    });
    const calls = Array.from({ length: 1000 }, (_, i) => em.placeCall({ to: String(5_000_000 + i) }));
    const summaries = await Promise.all(calls.map((c) => c.ended()));
    expect(summaries.every((s) => s?.hangupCause === 'NORMAL_CLEARING')).toBe(true);
    expect(summaries.every((s) => s?.played.length === 1)).toBe(true);
    expect(em.activeCalls).toBe(0);
    server.close();
  }, 60_000);
});
