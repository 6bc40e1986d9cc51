/** The control API over HTTP and WebSocket, and the in-process start function. */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type EmulatorHandle } from '../src/index.js';

let handle: EmulatorHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

describe('control API', () => {
  it('places a call with SIP headers, streams its activity, presses keys and reads the history', async () => {
    // The app: answers, says something, collects digits into `choice`, hangs up.
    const app = createServer((s) => {
      s.setNoDelay(true);
      let buf = '';
      let sent = false;
      s.write('connect\n\n');
      s.on('data', (c: Buffer) => {
        buf += c.toString();
        if (!sent && buf.includes('Control: full')) {
          sent = true;
          const exec = (a: string, arg?: string) =>
            `sendmsg\ncall-command: execute\nexecute-app-name: ${a}\n${arg ? `execute-app-arg: ${arg}\n` : ''}\n`;
          s.write(
            'myevents\n\n' +
              exec('answer') +
              exec('speak', 'flite|kal|Press one for sales') +
              exec('play_and_get_digits', '1 1 1 3600000 # silence_stream://100 silence_stream://100 choice \\d') +
              exec('hangup'),
          );
        }
      });
      s.on('error', () => {});
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    handle = await startEmulator({
      port: 0,
      timeScale: 0.01,
      heartbeatSeconds: 0,
      outbound: { host: '127.0.0.1', port: (app.address() as { port: number }).port },
      control: { port: 0 },
    });
    const base = handle.control!.url;
    const ws = new WebSocket(`${base.replace('http', 'ws')}/events`);
    await new Promise((resolve) => ws.once('open', resolve));
    const activity: Array<{ type: string; text?: string }> = [];
    const waiting = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const entry = JSON.parse(String(data)) as { type: string; text?: string };
        activity.push(entry);
        if (entry.type === 'wait-digits') resolve();
      }),
    );
    const res = await fetch(`${base}/calls`, {
      method: 'POST',
      body: JSON.stringify({ to: '5551234', from: '1001', headers: { 'X-Order-Id': '12345' } }),
    });
    expect(res.status).toBe(201);
    const { uuid } = (await res.json()) as { uuid: string };
    await waiting;
    expect(
      await (
        await fetch(`${base}/api`, {
          method: 'POST',
          body: JSON.stringify({ command: `uuid_getvar ${uuid} sip_h_X-Order-Id` }),
        })
      ).json(),
    ).toEqual({ output: '12345' });
    expect(
      (await fetch(`${base}/calls/${uuid}/dtmf`, { method: 'POST', body: JSON.stringify({ digits: '1' }) })).status,
    ).toBe(202);
    const deadline = Date.now() + 3000;
    let history: { summary: { spoken: string[]; digitsPressed: string; hangupCause?: string } } | undefined;
    while (Date.now() < deadline) {
      history = (await (await fetch(`${base}/calls/${uuid}`)).json()) as typeof history;
      if (history?.summary.hangupCause) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(history?.summary.spoken).toEqual(['Press one for sales']);
    expect(history?.summary.digitsPressed).toBe('1');
    expect(history?.summary.hangupCause).toBe('NORMAL_CLEARING');
    expect(activity.some((a) => a.type === 'play' && a.text === 'Press one for sales')).toBe(true);
    expect((await fetch(`${base}/calls`, { method: 'POST', body: '{}' })).status).toBe(400);
    ws.close();
    app.close();
  });

  it('defines scripted endpoints that originate honours', async () => {
    handle = await startEmulator({ port: 0, timeScale: 0.01, heartbeatSeconds: 0, control: { port: 0 } });
    const base = handle.control!.url;
    expect(
      (await fetch(`${base}/endpoints`, { method: 'POST', body: JSON.stringify({ match: 'agent1', outcome: 'busy' }) }))
        .status,
    ).toBe(201);
    expect(await handle.emulator.api('originate sofia/external/agent1@10.0.0.1 &park()')).toBe('-ERR USER_BUSY\n');
    handle.emulator.defineEndpoint({ match: 'agent2', outcome: 'answer', afterSeconds: 1, hangupAfterSeconds: 1 });
    expect(await handle.emulator.api('originate {ivr_run_id=r1}sofia/external/agent2@10.0.0.1 &park()')).toMatch(
      /^\+OK [0-9a-f-]{36}\n$/,
    );
    handle.emulator.defineEndpoint({ match: 'agent3', outcome: 'decline' });
    expect(await handle.emulator.api('originate sofia/external/agent3@10.0.0.1 &park()')).toBe('-ERR CALL_REJECTED\n');
    expect(await handle.emulator.api('originate nosuchtech/x &park()')).toBe('-ERR CHAN_NOT_IMPLEMENTED\n');
  });
});
