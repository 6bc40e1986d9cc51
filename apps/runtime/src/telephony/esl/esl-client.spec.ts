import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { startEmulator, type EmulatorHandle } from '@ivr/esl-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EslClient } from './esl-client.js';
import { EslConnectionClosed, EslTimeout } from './esl-errors.js';

/** A peer that greets, accepts `auth`, then does what the test says with every later command. */
async function scriptedPeer(
  onCommand: (socket: Socket, command: string) => void,
): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write('Content-Type: auth/request\n\n');
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const command = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (command.startsWith('auth ')) socket.write('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
        else if (command.startsWith('event json BACKGROUND_JOB'))
          socket.write('Content-Type: command/reply\nReply-Text: +OK event listener enabled json\n\n');
        else onCommand(socket, command);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port, sockets };
}

describe('EslClient', () => {
  let emulator: EmulatorHandle;
  const clients: EslClient[] = [];
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, control: false, heartbeatSeconds: 0, timeScale: 0.01 });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy('test over');
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    await emulator.close();
  });

  it('authenticates and runs api and bgapi with their exact bodies', async () => {
    const client = await EslClient.connectInbound(emulator.esl);
    clients.push(client);
    expect(await client.api('status')).toMatch(/1000 session\(s\) max\n/);
    expect(await client.api('uuid_getvar 00000000-0000-0000-0000-000000000000 x')).toBe('-ERR No such channel!\n');
    expect(await client.api('nosuchcommand')).toBe('-ERR nosuchcommand Command not found!\n');
    const reply = await client.command('event json HEARTBEAT');
    expect(reply).toMatchObject({ ok: true, text: '+OK event listener enabled json' });
    expect(await client.bgapi('originate error/USER_BUSY &park()')).toBe('-ERR USER_BUSY\n');
  });

  it('rejects a wrong password', async () => {
    await expect(EslClient.connectInbound({ ...emulator.esl, password: 'nope' })).rejects.toThrow(/refused|closed/);
  });

  it('sends exit and sees the connection close', async () => {
    const client = await EslClient.connectInbound(emulator.esl);
    await client.exit();
    expect(client.isClosed).toBe(true);
    await expect(client.api('status')).rejects.toBeInstanceOf(EslConnectionClosed);
  });

  it('times out a command that gets no reply, and drops the connection (replies would be out of step)', async () => {
    const peer = await scriptedPeer(() => undefined);
    servers.push(peer.server);
    const client = await EslClient.connectInbound(
      { host: '127.0.0.1', port: peer.port, password: 'x' },
      { commandTimeoutMs: 100 },
    );
    clients.push(client);
    const started = client.api('status');
    await expect(started).rejects.toBeInstanceOf(EslTimeout);
    expect(client.isClosed).toBe(true);
  });

  it('rejects every pending command, job and application when the connection ends', async () => {
    const peer = await scriptedPeer((socket, command) => {
      if (command.startsWith('bgapi')) socket.write('Content-Type: command/reply\nReply-Text: +OK Job-UUID: x\n\n');
      if (command.startsWith('api close')) socket.destroy();
    });
    servers.push(peer.server);
    const client = await EslClient.connectInbound({ host: '127.0.0.1', port: peer.port, password: 'x' });
    clients.push(client);
    const job = client.bgapi('originate x &park()');
    const api = client.api('status');
    const closing = client.api('close');
    await expect(job).rejects.toBeInstanceOf(EslConnectionClosed);
    await expect(api).rejects.toBeInstanceOf(EslConnectionClosed);
    await expect(closing).rejects.toBeInstanceOf(EslConnectionClosed);
  });

  it('matches replies to commands in order when many are in flight', async () => {
    const client = await EslClient.connectInbound(emulator.esl);
    clients.push(client);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => client.api(`echo ${i}`)));
    expect(replies).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it('delivers events split anywhere across chunks, in JSON and plain, in order with the replies', async () => {
    const json = JSON.stringify({
      'Event-Name': 'BACKGROUND_JOB',
      'Job-UUID': 'job-1',
      'Content-Length': '12',
      _body: '+OK done ✓\n',
      variable_caller: 'Ana %41',
    });
    const plainBody = 'Event-Name: DTMF\nUnique-ID: u-1\nDTMF-Digit: %23\nvariable_who: J%C3%BCrgen\n\n';
    const stream = Buffer.from(
      'Content-Type: command/reply\nReply-Text: +OK Job-UUID: job-1\n\n' +
        `Content-Length: ${Buffer.byteLength(json)}\nContent-Type: text/event-json\n\n${json}` +
        `Content-Length: ${Buffer.byteLength(plainBody)}\nContent-Type: text/event-plain\n\n${plainBody}` +
        'Content-Length: 9\nContent-Type: text/event-json\n\n{not json' +
        'Content-Type: api/response\nContent-Length: 3\n\n+OK',
    );
    const peer = await scriptedPeer((socket, command) => {
      if (!command.startsWith('bgapi')) return;
      // One byte at a time: every frame boundary and every multi-byte character is split.
      let i = 0;
      const drip = () => {
        if (i < stream.length) socket.write(stream.subarray(i, ++i), drip);
      };
      drip();
    });
    servers.push(peer.server);
    const client = await EslClient.connectInbound({ host: '127.0.0.1', port: peer.port, password: 'x' });
    clients.push(client);
    const seen: string[] = [];
    client.onEvent((event) =>
      seen.push(`${event.name} ${event.header('DTMF-Digit') ?? ''} ${[...event.variables().values()].join(',')}`),
    );
    const api = client.api('status');
    expect(await client.bgapi('originate x &park()', { jobUuid: 'job-1' })).toBe('+OK done ✓\n');
    expect(await api).toBe('+OK');
    // The malformed JSON event is dropped; the stream goes on.
    expect(seen).toEqual(['BACKGROUND_JOB  Ana %41', 'DTMF # Jürgen']);
    expect(client.isClosed).toBe(false);
  });

  it('drops a connection whose peer announces a frame larger than FreeSWITCH ever sends', async () => {
    const peer = await scriptedPeer((socket, command) => {
      if (command.startsWith('api')) socket.write('Content-Type: text/event-json\nContent-Length: 999999999\n\n{');
    });
    servers.push(peer.server);
    const client = await EslClient.connectInbound({ host: '127.0.0.1', port: peer.port, password: 'x' });
    clients.push(client);
    await expect(client.api('status')).rejects.toBeInstanceOf(EslConnectionClosed);
    expect(await client.closed).toMatch(/unparseable ESL stream: Content-Length 999999999 is too large/);
  });
});
