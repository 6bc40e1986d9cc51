/**
 * Behaviours the runtime's ESL adapter found wrong, held to FreeSWITCH's documented behaviour (the
 * captures are silent on them): uuid_break, leg_timeout, uuid_kill of a ringing leg, global_getvar,
 * say with a gender, and what speak / say put in the call history.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator } from '../src/emulator.js';
import { FrameParser, headerValue, parseEventPlain, type Frame } from '@ivr/esl-protocol';
import { parseSayArgs, sayText } from '../src/say.js';

type Ev = Record<string, string>;

let emulator: Emulator | undefined;
let app: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  app?.close();
  app = undefined;
});

/** An outbound-socket app that answers `connect`, subscribes, and lets the test drive the channel. */
class AppConnection {
  readonly events: Ev[] = [];
  /** Event bodies (BACKGROUND_JOB's payload). */
  readonly bodies: string[] = [];
  readonly replies: string[] = [];
  private waiters: Array<() => void> = [];
  closed = false;

  constructor(readonly socket: Socket) {
    const parser = new FrameParser((f) => this.onFrame(f));
    socket.on('data', (c: Buffer) => parser.push(c));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private onFrame(f: Frame): void {
    const type = headerValue(f.headers, 'Content-Type');
    if (type === 'text/event-plain' && f.body) {
      const ev = parseEventPlain(f.body);
      this.events.push(Object.fromEntries(ev.headers));
      if (ev.body !== undefined) this.bodies.push(ev.body);
    } else if (type === 'command/reply' || type === 'api/response') {
      this.replies.push(headerValue(f.headers, 'Reply-Text') ?? f.body?.toString() ?? '');
    }
    this.wake();
  }

  send(text: string): void {
    this.socket.write(text);
  }

  execute(app: string, arg?: string): string {
    const uuid = randomUUID();
    this.send(
      `sendmsg\ncall-command: execute\nexecute-app-name: ${app}\n${arg ? `execute-app-arg: ${arg}\n` : ''}event-uuid: ${uuid}\n\n`,
    );
    return uuid;
  }

  async until<T>(find: () => T | undefined, ms = 5000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== false) return found;
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 25);
      });
    }
  }

  event(name: string, pred: (e: Ev) => boolean = () => true): Promise<Ev> {
    return this.until(() => this.events.find((e) => e['Event-Name'] === name && pred(e)));
  }

  completed(appUuid: string): Promise<Ev> {
    return this.event('CHANNEL_EXECUTE_COMPLETE', (e) => e['Application-UUID'] === appUuid);
  }
}

/** Starts an emulator whose inbound calls go to a local app, places a call, and returns the app side of it. */
async function callIntoApp(opts: ConstructorParameters<typeof Emulator>[0] = {}) {
  let resolveConn!: (c: AppConnection) => void;
  const connected = new Promise<AppConnection>((resolve) => (resolveConn = resolve));
  app = createServer((socket) => {
    socket.setNoDelay(true);
    const conn = new AppConnection(socket);
    socket.write('connect\n\n');
    resolveConn(conn);
  });
  await new Promise<void>((resolve) => app!.listen(0, '127.0.0.1', resolve));
  const port = (app.address() as { port: number }).port;
  emulator = new Emulator({
    port: 0,
    timeScale: 0.05,
    heartbeatSeconds: 0,
    outbound: { host: '127.0.0.1', port },
    ...opts,
  });
  await emulator.listen();
  const call = emulator.placeCall({ to: '5551000', from: '1001' });
  const conn = await connected;
  await conn.until(() => conn.replies.length >= 1);
  conn.send('myevents\n\nlinger\n\nevent plain PLAYBACK_START PLAYBACK_STOP\n\n');
  await conn.until(() => conn.replies.length >= 4);
  const answer = conn.execute('answer');
  await conn.completed(answer);
  return { em: emulator, call, conn };
}

describe('uuid_break', () => {
  it('stops the playback only: FILE PLAYED, Playback-Status break, the channel stays up and controllable', async () => {
    const { em, call, conn } = await callIntoApp({ prompts: { '/prompts/long.wav': 20_000 } });
    const playing = conn.execute('playback', '/prompts/long.wav');
    await conn.event('PLAYBACK_START');
    expect(await em.api(`uuid_break ${call.uuid}`)).toBe('+OK\n');
    const done = await conn.completed(playing);
    expect(done['Application-Response']).toBe('FILE PLAYED');
    const stop = await conn.event('PLAYBACK_STOP');
    expect(stop['Playback-Status']).toBe('break');
    // The socket's park loop goes on: the channel is still up and runs what comes next.
    await new Promise((r) => setTimeout(r, 100));
    expect(call.active).toBe(true);
    expect(conn.events.some((e) => e['Event-Name'] === 'CHANNEL_HANGUP')).toBe(false);
    const set = conn.execute('set', 'after_break=yes');
    await conn.completed(set);
    expect(await em.api(`uuid_getvar ${call.uuid} after_break`)).toBe('yes');
    // The history shows the playback as interrupted, not played in full.
    const entries = em.history(call.uuid)!.entries;
    const end = entries.find((e) => e.type === 'play-end');
    expect(end).toMatchObject({ type: 'play-end', status: 'break' });
    expect(end?.type === 'play-end' && end.playedMs).toBeLessThan(20_000);
    conn.send('sendmsg\ncall-command: hangup\n\n');
    await call.ended();
  });

  it('with `all` also drops what is queued behind the media; without it a list goes on to its next file', async () => {
    const { em, call, conn } = await callIntoApp({
      prompts: { '/p/a.wav': 20_000, '/p/b.wav': 20_000, '/p/c.wav': 400 },
    });
    // Without `all`: only a.wav stops, b.wav plays next.
    const list = conn.execute('playback', '/p/a.wav!/p/b.wav');
    await conn.event('PLAYBACK_START', (e) => e['Playback-File-Path'] === '/p/a.wav');
    await em.api(`uuid_break ${call.uuid}`);
    await conn.event('PLAYBACK_START', (e) => e['Playback-File-Path'] === '/p/b.wav');
    // With `all`: b.wav stops, the playback completes, and the queued set never runs.
    const queued = conn.execute('set', 'never_ran=true');
    await new Promise((r) => setTimeout(r, 50));
    await em.api(`uuid_break ${call.uuid} all`);
    expect((await conn.completed(list))['Application-Response']).toBe('FILE PLAYED');
    const after = conn.execute('playback', '/p/c.wav');
    await conn.completed(after);
    expect(conn.events.some((e) => e['Application-UUID'] === queued)).toBe(false);
    expect(await em.api(`uuid_getvar ${call.uuid} never_ran`)).toBe('_undef_');
    expect(call.active).toBe(true);
    const played = em.history(call.uuid)!.entries.filter((e) => e.type === 'play-end');
    expect(played.map((e) => e.type === 'play-end' && [e.target, e.status])).toEqual([
      ['/p/a.wav', 'break'],
      ['/p/b.wav', 'break'],
      ['/p/c.wav', 'done'],
    ]);
    expect(await em.api(`uuid_break ${randomUUID()}`)).toBe('-ERR No Such Channel!\n');
    conn.send('sendmsg\ncall-command: hangup\n\n');
    await call.ended();
  });

  it('stops speak and sleep too, and the channel stays up', async () => {
    const { em, call, conn } = await callIntoApp();
    const text = 'This is a long announcement that nobody wants to hear until its very end, really.';
    const speaking = conn.execute('speak', `flite|kal|${text}`);
    await conn.until(() => em.history(call.uuid)!.entries.find((e) => e.type === 'play'));
    await em.api(`uuid_break ${call.uuid} all`);
    expect((await conn.completed(speaking))['Application-Response']).toBe('_none_');
    const end = em.history(call.uuid)!.entries.find((e) => e.type === 'play-end');
    expect(end).toMatchObject({ app: 'speak', status: 'break' });
    const started = Date.now();
    const sleeping = conn.execute('sleep', '600000');
    await conn.event('CHANNEL_EXECUTE', (e) => e['Application-UUID'] === sleeping);
    await em.api(`uuid_break ${call.uuid}`);
    await conn.completed(sleeping);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(call.active).toBe(true);
    conn.send('sendmsg\ncall-command: hangup\n\n');
    await call.ended();
  });
});

describe('leg_timeout', () => {
  it('ends a leg by its own [leg_timeout] before originate_timeout, with ALLOTTED_TIMEOUT', async () => {
    const em = (emulator = new Emulator({ port: 0, timeScale: 0.01, heartbeatSeconds: 0 }));
    em.defineEndpoint({ match: 'ringer', outcome: 'noanswer' });
    const started = Date.now();
    const reply = await em.api(
      'originate {originate_timeout=600}[leg_timeout=2]sofia/external/ringer@10.0.0.1 &park()',
    );
    const elapsed = (Date.now() - started) / 0.01;
    expect(reply).toBe('-ERR ALLOTTED_TIMEOUT\n');
    // 2 s (compared in whole seconds: fires within the third second), not 600.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(60_000);
  });

  it('honours {leg_timeout} for every leg, and originate_timeout still wins when shorter', async () => {
    const em = (emulator = new Emulator({ port: 0, timeScale: 0.01, heartbeatSeconds: 0 }));
    em.defineEndpoint({ match: 'ringer', outcome: 'noanswer' });
    em.defineEndpoint({ match: 'slow', outcome: 'answer', afterSeconds: 4 });
    expect(await em.api('originate {leg_timeout=1}sofia/external/ringer@10.0.0.1 &park()')).toBe(
      '-ERR ALLOTTED_TIMEOUT\n',
    );
    expect(await em.api('originate {leg_timeout=30,originate_timeout=2}sofia/external/ringer@10.0.0.1 &park()')).toBe(
      '-ERR NO_ANSWER\n',
    );
    // A leg that answers before its leg_timeout is not affected.
    expect(await em.api('originate [leg_timeout=6]sofia/external/slow@10.0.0.1 &park()')).toMatch(/^\+OK /);
    expect(await em.api('originate [leg_timeout=2]sofia/external/slow@10.0.0.1 &park()')).toBe(
      '-ERR ALLOTTED_TIMEOUT\n',
    );
  });

  it('applies per leg in a bridge; legs dialed together stop ringing when one answers', async () => {
    const { em, call, conn } = await callIntoApp({ timeScale: 0.01 });
    em.defineEndpoint({ match: 'agent1', outcome: 'noanswer' });
    em.defineEndpoint({ match: 'agent2', outcome: 'answer', afterSeconds: 5, hangupAfterSeconds: 1 });
    await conn.completed(conn.execute('set', 'continue_on_fail=true'));
    await conn.completed(
      conn.execute('bridge', '{originate_timeout=120}[leg_timeout=2]sofia/external/agent1@10.0.0.1'),
    );
    expect(await em.api(`uuid_getvar ${call.uuid} originate_disposition`)).toBe('ALLOTTED_TIMEOUT');
    const bridge = conn.execute(
      'bridge',
      '{originate_timeout=120}sofia/external/agent1@10.0.0.1,[leg_timeout=10]sofia/external/agent2@10.0.0.1',
    );
    await conn.event('CHANNEL_BRIDGE');
    expect(em.history(call.uuid)!.summary.bridgedTo).toEqual(['sofia/external/agent2@10.0.0.1']);
    await conn.completed(bridge);
    const losers = em.calls().filter((c) => c.name === 'sofia/external/agent1@10.0.0.1');
    expect(losers.map((c) => em.history(c.uuid)!.summary.hangupCause)).toEqual(['ALLOTTED_TIMEOUT', 'LOSE_RACE']);
    conn.send('sendmsg\ncall-command: hangup\n\n');
    await call.ended();
  });
});

describe('uuid_kill of a ringing originated leg', () => {
  it('answers api originate at once with -ERR ORIGINATOR_CANCEL', async () => {
    const em = (emulator = new Emulator({ port: 0, timeScale: 0.01, heartbeatSeconds: 0 }));
    em.defineEndpoint({ match: 'ringer', outcome: 'noanswer' });
    // api originate
    const uuid = randomUUID();
    const started = Date.now();
    const pending = em.api(
      `originate {origination_uuid=${uuid},originate_timeout=120}sofia/external/ringer@10.0.0.1 &park()`,
    );
    await waitFor(() => em.switch.sessions.has(uuid));
    expect(await em.api(`uuid_kill ${uuid} ORIGINATOR_CANCEL`)).toBe('+OK\n');
    expect(await pending).toBe('-ERR ORIGINATOR_CANCEL\n');
    // Far sooner than the 120 s (1.2 s here) the leg would otherwise ring.
    expect(Date.now() - started).toBeLessThan(800);
    await waitFor(() => !em.switch.sessions.has(uuid));
    expect(em.history(uuid)!.summary.hangupCause).toBe('ORIGINATOR_CANCEL');
  });

  it('sends BACKGROUND_JOB with -ERR ORIGINATOR_CANCEL for bgapi originate', async () => {
    const em = (emulator = new Emulator({ port: 0, timeScale: 0.01, heartbeatSeconds: 0 }));
    await em.listen();
    em.defineEndpoint({ match: 'ringer', outcome: 'noanswer' });
    const { Socket } = await import('node:net');
    const socket = new Socket();
    await new Promise<void>((resolve) => socket.connect(em.address!.port, '127.0.0.1', resolve));
    const conn = new AppConnection(socket);
    await conn.until(() => conn.socket.bytesRead > 0);
    conn.send('auth ClueCon\n\nevent plain BACKGROUND_JOB\n\n');
    await conn.until(() => conn.replies.length >= 2);
    const uuid = randomUUID();
    const started = Date.now();
    conn.send(
      `bgapi originate {origination_uuid=${uuid},originate_timeout=120}sofia/external/ringer@10.0.0.1 &park()\n\n`,
    );
    await waitFor(() => em.switch.sessions.has(uuid));
    await em.api(`uuid_kill ${uuid} ORIGINATOR_CANCEL`);
    const job = await conn.until(() => conn.events.find((e) => e['Event-Name'] === 'BACKGROUND_JOB'));
    expect(Date.now() - started).toBeLessThan(800);
    expect(job['Job-Command']).toBe('originate');
    socket.destroy();
    // The body is the originate's answer.
    expect(Object.keys(job)).toContain('Job-UUID');
    expect(conn.bodies).toContain('-ERR ORIGINATOR_CANCEL\n');
  });
});

describe('global_getvar', () => {
  it("returns the switch's Core-UUID, hostname and address, the same its events carry", async () => {
    const em = (emulator = new Emulator({
      port: 0,
      heartbeatSeconds: 0,
      identity: { hostname: 'fs1', ipv4: '10.1.2.3' },
      globals: { domain_name: 'pbx.example.com' },
    }));
    const events: Array<{ core: string | undefined; host: string | undefined; ip: string | undefined }> = [];
    em.onEvent((ev) =>
      events.push({ core: ev.get('Core-UUID'), host: ev.get('FreeSWITCH-Hostname'), ip: ev.get('FreeSWITCH-IPv4') }),
    );
    await em.api('status');
    const core = await em.api('global_getvar core_uuid');
    expect(core).toMatch(/^[0-9a-f-]{36}$/);
    expect(core).toBe(events[0]!.core);
    expect(await em.api('global_getvar hostname')).toBe('fs1');
    expect(await em.api('global_getvar local_ip_v4')).toBe('10.1.2.3');
    expect(events[0]).toMatchObject({ host: 'fs1', ip: '10.1.2.3' });
    expect(await em.api('global_getvar domain')).toBe('127.0.0.1');
    expect(await em.api('global_getvar domain_name')).toBe('pbx.example.com');
    expect(await em.api('global_getvar no_such_global')).toBe('');
    const all = await em.api('global_getvar');
    expect(all).toContain(`core_uuid=${core}\n`);
    expect(all).toContain('hostname=fs1\n');
  });
});

describe('say and speak', () => {
  it('never speaks the gender word of `say <lang> <type> <method> <GENDER> <value>`', async () => {
    expect(parseSayArgs('en number pronounced FEMININE 21')).toMatchObject({ gender: 'FEMININE', value: '21' });
    expect(parseSayArgs('en number pronounced 21')).toMatchObject({ gender: undefined, value: '21' });
    expect(parseSayArgs('en number pronounced')).toBeUndefined();
    const { em, call, conn } = await callIntoApp({ timeScale: 0.01 });
    for (const arg of [
      'en number pronounced FEMININE 21',
      'ru number pronounced MASCULINE 2',
      'en currency pronounced NEUTER 10.50',
      'en number counted feminine 3',
    ])
      await conn.completed(conn.execute('say', arg));
    const h = em.history(call.uuid)!.summary;
    expect(h.spoken).toEqual(['twenty one', 'two', 'ten dollars and fifty cents', 'third']);
    expect(h.spoken.join(' ')).not.toMatch(/masculine|feminine|neuter/i);
    conn.send('sendmsg\ncall-command: hangup\n\n');
    await call.ended();
  });

  it('records what was said as text, with a duration of one file per word (as mod_say_en plays them)', async () => {
    const { em, call, conn } = await callIntoApp({ timeScale: 0.01 });
    await conn.completed(conn.execute('set', 'timezone=UTC'));
    for (const arg of [
      'en number pronounced 123',
      'en number iterated 1024',
      'en number counted 21',
      'en number counted 12',
      'en currency pronounced 1.01',
      'en currency pronounced 7',
      // 2026-11-21 14:05 UTC, a Saturday
      'en current_date_time pronounced 1795269900',
      'en current_time pronounced 1795269600',
      'en telephone_number iterated 5551234',
    ])
      await conn.completed(conn.execute('say', arg));
    await conn.completed(conn.execute('speak', 'flite|kal|Press 1 | or 2'));
    await conn.completed(conn.execute('set', 'tts_engine=flite'));
    await conn.completed(conn.execute('set', 'tts_voice=slt'));
    await conn.completed(conn.execute('speak', 'Just the text'));
    await conn.completed(conn.execute('speak', 'awb|Voice and text'));
    const h = em.history(call.uuid)!.summary;
    expect(h.played.map((p) => p.text)).toEqual([
      'one hundred twenty three',
      'one zero two four',
      'twenty first',
      'twelve',
      'one dollar and one cent',
      'seven dollars and zero cents',
      'Saturday November twenty first two thousand twenty six two oh five p.m.',
      "two o'clock p.m.",
      // mod_say_en has no telephone_number: nothing is played.
      'Press 1 | or 2',
      'Just the text',
      'Voice and text',
    ]);
    // 123 is four files (1, hundred, 20, 3): 3.6 s, as the capture's say took.
    expect(h.played[0]).toMatchObject({ kind: 'say', durationMs: 3600 });
    expect(h.played.at(-3)).toMatchObject({ kind: 'tts', target: 'flite|kal' });
    expect(h.played.at(-2)).toMatchObject({ target: 'flite|slt' });
    expect(h.played.at(-1)).toMatchObject({ target: 'flite|awb' });
    conn.send('sendmsg\ncall-command: hangup\n\n');
    await call.ended();
  });

  it('hangs up on speak with no engine or voice (none given, tts_engine / tts_voice unset), as mod_dptools does', async () => {
    const { em, call, conn } = await callIntoApp({ timeScale: 0.01 });
    conn.execute('speak', 'kal|Hello there');
    expect((await call.ended())?.hangupCause).toBe('DESTINATION_OUT_OF_ORDER');
    expect(em.history(call.uuid)!.summary.spoken).toEqual([]);
  });

  it('words numbers, money and times as mod_say_en does', () => {
    expect(sayText('number', 'pronounced', '1,234,567')).toBe(
      'one million two hundred thirty four thousand five hundred sixty seven',
    );
    expect(sayText('number', 'pronounced', '0')).toBe('zero');
    expect(sayText('number', 'pronounced', 'abc')).toBe('');
    expect(sayText('currency', 'pronounced', '-3.5')).toBe('negative three dollars and five cents');
    expect(sayText('time_measurement', 'pronounced', '3725')).toBe('one hour two minutes five seconds');
    expect(sayText('current_time', 'pronounced', '1795219200', { timezone: 'UTC' })).toBe("twelve o'clock a.m.");
    expect(sayText('current_date', 'pronounced', '1795219200', { timezone: 'Asia/Tokyo' })).toBe(
      'Saturday November twenty first two thousand twenty six',
    );
    expect(sayText('ip_address', 'pronounced', '10.0.0.1')).toBe('ten dot zero dot zero dot one');
    expect(sayText('name_spelled', 'pronounced', 'Bo7')).toBe('B O seven');
  });
});

async function waitFor(pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
