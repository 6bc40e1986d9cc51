/**
 * The real FreeSWITCH may send the linger disconnect notice before the last channel events (esl
 * INDEX item 2). A scripted switch does exactly that: the leg must keep reading, report the end of
 * the call from CHANNEL_HANGUP_COMPLETE, and only then send `exit`.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallLifecycleEmitter, type CallLifecycleEvent } from '../call-lifecycle.js';
import { EslCallPort } from '../call/esl-call-port.js';
import { eventually } from '../__fixtures__/telephony-harness.js';
import { OutboundServer } from './outbound-server.js';

const UUID = '5c7e1f0a-0000-4000-8000-000000000001';

function jsonEvent(headers: Record<string, string>): string {
  const body = JSON.stringify({ 'Core-UUID': 'core-1', 'Unique-ID': UUID, ...headers });
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}`;
}

/** Answers every command the way FreeSWITCH's outbound socket does, and records them. */
function scriptedSwitch(socket: Socket, commands: string[]): void {
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const command = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      commands.push(command.split('\n')[0]!);
      if (command.startsWith('connect')) {
        socket.write(
          `Event-Name: CHANNEL_DATA\nCore-UUID: core-1\nUnique-ID: ${UUID}\nCaller-Caller-ID-Number: 100\nCaller-Destination-Number: 200\n` +
            `Answer-State: answered\nvariable_sip_h_X-Order-Id: 12345\nContent-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n`,
        );
      } else if (command.startsWith('exit')) {
        socket.write('Content-Type: command/reply\nReply-Text: +OK bye\n\n');
        socket.end();
      } else {
        socket.write('Content-Type: command/reply\nReply-Text: +OK\n\n');
      }
    }
  });
}

describe('the linger notice before the last events', () => {
  let server: OutboundServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('keeps reading after the notice and sends exit only after CHANNEL_HANGUP_COMPLETE', async () => {
    const lifecycle = new CallLifecycleEmitter();
    const events: CallLifecycleEvent[] = [];
    lifecycle.on((event) => events.push(event));
    let port!: EslCallPort;
    const ready = new Promise<void>((resolve) => {
      server = new OutboundServer({ host: '127.0.0.1', port: 0 }, async (client, data) => {
        port = new EslCallPort(client, data, {
          ttsEngine: 'flite|kal',
          defaultLanguage: 'en',
          recordingsDir: '/tmp',
          switchId: 'scripted',
          lifecycle,
        });
        await port.start();
        resolve();
        await port.finished;
      });
    });
    const address = await server!.listen();
    const commands: string[] = [];
    // Nagle off on the scripted switch too, as on the real one: else its small frames wait for ACKs.
    const fs = connect({ host: address.host, port: address.port, noDelay: true });
    scriptedSwitch(fs, commands);
    await ready;
    expect(port.info).toMatchObject({
      uuid: UUID,
      callerId: '100',
      dialedNumber: '200',
      headers: { 'X-Order-Id': '12345' },
    });
    expect(commands.slice(0, 3)).toEqual(['connect', 'myevents json', 'linger']);

    fs.write(jsonEvent({ 'Event-Name': 'CHANNEL_HANGUP', 'Hangup-Cause': 'NORMAL_CLEARING' }));
    fs.write(
      'Content-Type: text/disconnect-notice\nContent-Disposition: linger\nLinger-Time: -1\nContent-Length: 0\n\n',
    );
    await eventually(() => port.isHungUp);
    const finishing = port.finish();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(commands).not.toContain('exit');
    fs.write(
      jsonEvent({
        'Event-Name': 'CHANNEL_HANGUP_COMPLETE',
        'Hangup-Cause': 'NORMAL_CLEARING',
        'Caller-Channel-Created-Time': '1795271673000000',
        'Caller-Channel-Answered-Time': '1795271674000000',
        'Caller-Channel-Hangup-Time': '1795271680000000',
      }),
    );
    await finishing;
    expect(commands.at(-1)).toBe('exit');
    expect(events.find((e) => e.type === 'ended')).toMatchObject({
      cause: 'NORMAL_CLEARING',
      durationMs: 7000,
      talkMs: 6000,
      answered: true,
    });
    expect(port.hangupSignal.aborted).toBe(true);
    fs.destroy();
  });
});
