/**
 * Replays a ground-truth transcript against the emulator: the same client requests are sent,
 * each FreeSWITCH frame of the capture is compared with the emulator's frame at that point,
 * modulo volatile values (UUIDs, times, addresses, sequence numbers).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Emulator } from '../src/emulator.js';
import { FrameParser, headerValue, parseEventPlain, type Frame, type Header } from '@ivr/esl-protocol';
import type { Chunk, Transcript } from './transcript.js';

export interface ParsedFrame {
  outer: Header[];
  contentType: string;
  /** Event headers (decoded) for text/event-plain and text/event-json, else the outer headers. */
  headers: Header[];
  body: string;
  label: string;
}

export function parseFrame(frame: Frame): ParsedFrame {
  const contentType = headerValue(frame.headers, 'Content-Type') ?? '';
  const body = frame.body?.toString('utf8') ?? '';
  let headers: Header[] = frame.headers;
  if (contentType === 'text/event-plain') {
    const ev = parseEventPlain(body);
    headers = ev.headers;
    if (ev.body !== undefined) headers = [...headers, ['_body', ev.body]];
  } else if (contentType === 'text/event-json') {
    headers = [...body.matchAll(/"((?:[^"\\]|\\.)*)":"((?:[^"\\]|\\.)*)"/g)].map((m) => [
      JSON.parse(`"${m[1]}"`) as string,
      JSON.parse(`"${m[2]}"`) as string,
    ]);
  }
  const h = (n: string) => headerValue(headers, n);
  const label = [contentType, h('Event-Name'), h('Event-Subclass'), h('Action'), h('Application')]
    .filter(Boolean)
    .join(' ');
  return { outer: frame.headers, contentType, headers, body, label };
}

export function framesOf(bytes: Buffer): ParsedFrame[] {
  const out: ParsedFrame[] = [];
  new FrameParser((f) => out.push(parseFrame(f))).push(bytes);
  return out;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const norm = (s: string) => s.replace(UUID, '<uuid>');

/** Headers whose values differ from run to run or machine to machine. */
const VOLATILE = new Set([
  'Core-UUID',
  'FreeSWITCH-Hostname',
  'FreeSWITCH-Switchname',
  'FreeSWITCH-IPv4',
  'FreeSWITCH-IPv6',
  'Event-Date-Local',
  'Event-Date-GMT',
  'Event-Date-Timestamp',
  'Event-Sequence',
  'Event-Calling-File',
  'Event-Calling-Function',
  'Event-Calling-Line-Number',
  'Content-Length',
  'Channel-Name',
  'Caller-Channel-Name',
  'Other-Leg-Channel-Name',
  'Channel-Channel-Name',
  'Caller-Network-Addr',
  'DTMF-Duration',
  'Controlled-Session-UUID',
  'Conference-Unique-ID',
  'Member-ID',
  'Old-ID',
  'New-ID',
  'Up-Time',
  'Uptime-msec',
  'Session-Count',
  'Session-Since-Startup',
  'Session-Peak-Max',
  'Session-Peak-FiveMin',
  'Session-Per-Sec-Max',
  'Session-Per-Sec-FiveMin',
  'Idle-CPU',
  'FreeSWITCH-Version',
  'Log-Line',
  'Bridge-To-UUID',
  'Application-Data',
  'Job-Command-Arg',
  'Other-Leg-Caller-ID-Name',
  'Other-Leg-Caller-ID-Number',
  'Other-Leg-Callee-ID-Name',
  'Other-Leg-Callee-ID-Number',
  'Other-Leg-Destination-Number',
  'Other-Leg-Username',
  'Other-Leg-ANI',
  'Other-Leg-Orig-Caller-ID-Name',
  'Other-Leg-Orig-Caller-ID-Number',
  'Other-Leg-Network-Addr',
  'Other-Leg-Logical-Direction',
  'Other-Leg-Source',
  'Other-Leg-Context',
  'Other-Leg-Dialplan',
  'Caller-Destination-Number',
  'Channel-Destination-Number',
  'Caller-Context',
  'Channel-Context',
  'Caller-Transfer-Source',
  'Other-Leg-Transfer-Source',
]);

/** Variables whose values the comparison checks when the capture has them. */
export const KEY_VARIABLES = [
  'variable_current_application',
  'variable_current_application_response',
  'variable_originate_disposition',
  'variable_DIALSTATUS',
  'variable_originate_failed_cause',
  'variable_last_bridge_proto_specific_hangup_cause',
  'variable_bridge_hangup_cause',
  'variable_last_bridge_hangup_cause',
  'variable_read_result',
  'variable_read_terminator_used',
  'variable_ivr_digits',
  'variable_playback_terminator_used',
  'variable_silence_hits_exhausted',
  'variable_continue_on_fail',
  'variable_hangup_after_bridge',
  'variable_hangup_cause',
  'variable_ivr_run_id',
  'variable_sip_h_X-Order-Id',
  'variable_sip_h_X-Amount',
  'variable_sip_h_X-Operation',
  'variable_sip_h_X-Note',
  'variable_sip_h_X-Payment-Ref',
  'variable_valet_lot_extension',
  'variable_playback_terminators',
];

const isTimeLike = (name: string) => /Time$|-Time-|_stamp$|epoch$|sec$|usec$|msec$/.test(name);

/** Differences between an expected and an actual frame, as readable lines (empty: they match). */
export function compareFrames(
  expected: ParsedFrame,
  actual: ParsedFrame,
  opts: { checkBody?: boolean; missingVars?: string[]; orderNotes?: string[] } = {},
): string[] {
  const diffs: string[] = [];
  if (expected.contentType !== actual.contentType)
    return [`Content-Type ${actual.contentType} != ${expected.contentType} (${expected.label})`];
  const outerNames = (f: ParsedFrame) =>
    f.outer.map((h) => h[0]).filter((n) => !n.startsWith('variable_') && !/^(Channel|Caller|Other-Leg)-/.test(n));
  if (outerNames(expected).join(',') !== outerNames(actual).join(','))
    diffs.push(`outer headers [${outerNames(actual).join(',')}] != [${outerNames(expected).join(',')}]`);
  const reply = headerValue(expected.outer, 'Reply-Text');
  if (reply !== undefined && norm(reply) !== norm(headerValue(actual.outer, 'Reply-Text') ?? ''))
    diffs.push(`Reply-Text ${JSON.stringify(headerValue(actual.outer, 'Reply-Text'))} != ${JSON.stringify(reply)}`);
  if (
    expected.contentType === 'api/response' ||
    expected.contentType === 'log/data' ||
    (expected.contentType === 'text/disconnect-notice' && opts.checkBody !== false)
  ) {
    // Addresses and conference member ids (they count up across the switch's life) are volatile too.
    const body = (b: string) =>
      norm(b)
        .replace(/@127\.0\.0\.1:\d+/g, '@host')
        .replace(/^\d+;(?=[^;\n]*;<uuid>;)/gm, '<member-id>;');
    if (opts.checkBody !== false && body(expected.body) !== body(actual.body))
      diffs.push(`body ${JSON.stringify(actual.body.slice(0, 200))} != ${JSON.stringify(expected.body.slice(0, 200))}`);
    return diffs;
  }
  if (expected.contentType === 'text/disconnect-notice') return diffs;
  // Events (and the connect reply): header names in order (variables aside), then values that are stable.
  const structural = (f: ParsedFrame) => f.headers.map((h) => h[0]).filter((n) => !n.startsWith('variable_'));
  const e = structural(expected);
  const a = structural(actual);
  if (e.join(',') !== a.join(',')) {
    const i = e.findIndex((n, k) => a[k] !== n);
    const at = i < 0 ? e.length : i;
    diffs.push(
      `header names differ at ${at}: actual ${a.slice(at, at + 4).join(',')} | expected ${e.slice(at, at + 4).join(',')}`,
    );
  }
  const values = (f: ParsedFrame) => {
    const m = new Map<string, string[]>();
    for (const [n, v] of f.headers)
      if (!n.startsWith('variable_') || KEY_VARIABLES.includes(n)) m.set(n, [...(m.get(n) ?? []), v]);
    return m;
  };
  const ev = values(expected);
  const av = values(actual);
  for (const [name, vals] of ev) {
    if (VOLATILE.has(name) || isTimeLike(name) || (name === '_body' && false)) continue;
    const got = av.get(name);
    if (!got) {
      if (name.startsWith('variable_')) diffs.push(`missing ${name}=${vals.join('|')}`);
      continue;
    }
    const normalize = (v: string) =>
      norm(v)
        .replace(/@127\.0\.0\.1:\d+/g, '@host')
        .replace(/127\.0\.0\.1:\d+/g, 'host:port');
    if (vals.map(normalize).join('|') !== got.map(normalize).join('|'))
      diffs.push(`${name}: ${JSON.stringify(got.join('|'))} != ${JSON.stringify(vals.join('|'))}`);
  }
  // Variables: those the capture shows must be there, in the same relative order as far as both have them.
  const vars = (f: ParsedFrame) => f.headers.filter((h) => h[0].startsWith('variable_')).map((h) => h[0]);
  const ea = vars(actual);
  const common = vars(expected).filter((n) => ea.includes(n));
  const commonActual = ea.filter((n) => common.includes(n));
  if (common.join(',') !== commonActual.join(',')) {
    const i = common.findIndex((n, k) => commonActual[k] !== n);
    opts.orderNotes?.push(`variable order differs at ${common[i]} (actual has ${commonActual[i]})`);
  }
  const missing = vars(expected).filter((n) => !ea.includes(n));
  if (opts.missingVars) opts.missingVars.push(...missing);
  return diffs;
}

export interface ReplayHooks {
  /** Called before the chunk with this number is processed (caller actions not visible in the frames). */
  before?: Record<number, (ctx: ReplayContext) => void | Promise<void>>;
  /** Expected FS->APP frame numbers that the simulated caller causes by hanging up. */
  callerHangupAt?: number[];
  /** Rewrites an APP->FS chunk (addresses of the capture -> the test's). */
  rewrite?: (text: string) => string;
  /** Frames whose comparison is skipped (known, listed differences). */
  skipCompare?: number[];
  /** DTMF frames the driver must not press (the far end sends them). */
  noPress?: number[];
  timeoutMs?: number;
  /**
   * The linger notice's place among the last events races in this capture (bridge-answered shows it
   * early, the same flow in bridge-sipheaders late): a different place is tolerated, not a difference.
   */
  lingerRace?: boolean;
  /**
   * Multi-connection replays (shared clock): resolves when every other connection has handled all
   * its chunks earlier than `t`. Awaited before each action (a write, a caller hangup, a key press).
   */
  gate?: (t: number) => Promise<void>;
  /** Tells the shared clock the time of this connection's next unhandled chunk (Infinity: done). */
  progress?: (nextT: number) => void;
}

export interface ReplayContext {
  emulator: Emulator;
  /** The channel the outbound connection controls (outbound replays). */
  uuid?: string;
  /** Capture UUIDs -> the emulator's, learnt from compared frames; used to rewrite requests. */
  uuids: Map<string, string>;
}

/** Records which emulator UUID stands for each UUID of the capture (same header, same position). */
function learnUuids(ctx: ReplayContext, expected: ParsedFrame, actual: ParsedFrame): void {
  const pairs = (f: ParsedFrame) => [...f.outer, ...f.headers, ['_text', f.body] as Header];
  const a = pairs(actual);
  for (const [i, [name, value]] of pairs(expected).entries()) {
    const ev = value.match(UUID);
    if (!ev) continue;
    const counterpart = a[i]?.[0] === name ? a[i]![1] : a.find((h) => h[0] === name)?.[1];
    const av = counterpart?.match(UUID);
    if (!av) continue;
    ev.forEach((u, k) => {
      if (av[k] && !ctx.uuids.has(u)) ctx.uuids.set(u, av[k]!);
    });
  }
}

export interface ReplayResult {
  name: string;
  compared: number;
  diffs: string[];
  tolerated: string[];
  /** Capture variables the emulator does not set (reported, not asserted). */
  missingVars: string[];
  /** Where the order of the variables both have differs (reported, not asserted). */
  orderNotes: string[];
}

/** Reads frames from a socket into a queue with a waiting `next()`. */
export class FrameReader {
  private readonly queue: ParsedFrame[] = [];
  private waiter: ((f: ParsedFrame | undefined) => void) | undefined;
  closed = false;

  constructor(readonly socket: Socket) {
    const parser = new FrameParser((f) => this.push(parseFrame(f)));
    socket.on('data', (chunk: Buffer) => parser.push(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.(undefined);
    });
  }

  private push(f: ParsedFrame): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(f);
    } else this.queue.push(f);
  }

  next(timeoutMs: number): Promise<ParsedFrame | undefined> {
    const f = this.queue.shift();
    if (f) return Promise.resolve(f);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiter = (x) => {
        clearTimeout(timer);
        resolve(x);
      };
    });
  }

  unshift(f: ParsedFrame): void {
    this.queue.unshift(f);
  }
}

const isLingerNotice = (f: ParsedFrame) =>
  f.contentType === 'text/disconnect-notice' && headerValue(f.outer, 'Content-Disposition') === 'linger';
/**
 * Events whose presence races in FreeSWITCH: the initial CHANNEL_PARK (with myevents) and the
 * uuid_bridge B-leg's CS_CONSUME_MEDIA state (seen in valet-pickup-B, not in conf-uuid-bridge-B).
 */
const isPark = (f: ParsedFrame) =>
  headerValue(f.headers, 'Event-Name') === 'CHANNEL_PARK' ||
  (headerValue(f.headers, 'Event-Name') === 'CHANNEL_STATE' &&
    headerValue(f.headers, 'Channel-State') === 'CS_CONSUME_MEDIA');

/**
 * Drives one connection through its part of a transcript: writes the APP->FS chunks, reads and
 * compares the FS->APP frames. `chunks` is the slice of the transcript for this connection.
 */
export async function driveConnection(
  socket: Socket,
  reader: FrameReader,
  chunks: Chunk[],
  hooks: ReplayHooks,
  ctx: ReplayContext,
  result: ReplayResult,
): Promise<void> {
  const timeout = hooks.timeoutMs ?? 5000;
  // The linger notice may come before FreeSWITCH's last events; the emulator sends it after them.
  let owedActual = 0;
  let owedExpected = 0;
  let stopped = false;
  let lastT = chunks[0]?.t ?? 0;
  try {
    for (const [index, chunk] of chunks.entries()) {
      await driveChunk(chunk);
      hooks.progress?.(chunks[index + 1]?.t ?? Infinity);
      if (stopped) return;
    }
  } finally {
    hooks.progress?.(Infinity);
  }

  async function driveChunk(chunk: Chunk): Promise<void> {
    const expectedFrames = chunk.dir === 'fs' ? framesOf(chunk.bytes) : [];
    const acts =
      chunk.dir === 'app' ||
      hooks.before?.[chunk.n] !== undefined ||
      hooks.callerHangupAt?.includes(chunk.n) ||
      (ctx.uuid !== undefined &&
        !hooks.noPress?.includes(chunk.n) &&
        expectedFrames.some((f) => headerValue(f.headers, 'Event-Name') === 'DTMF'));
    if (acts && hooks.gate) await hooks.gate(chunk.t);
    await hooks.before?.[chunk.n]?.(ctx);
    const gap = chunk.t - lastT;
    lastT = chunk.t;
    if (chunk.dir === 'app') {
      // Where the capture's app paused (letting calls settle), pause a little too.
      if (gap > 0.1) await new Promise((resolve) => setTimeout(resolve, Math.min(150, gap * 100)));
      let text = chunk.bytes.toString('latin1');
      if (hooks.rewrite) text = hooks.rewrite(text);
      text = text.replace(UUID, (u) => ctx.uuids.get(u) ?? u);
      socket.write(Buffer.from(text, 'latin1'));
      return;
    }
    for (const expected of expectedFrames) {
      const name = headerValue(expected.headers, 'Event-Name');
      if (name === 'DTMF' && ctx.uuid && !hooks.noPress?.includes(chunk.n))
        void ctx.emulator.pressDigits(ctx.uuid, headerValue(expected.headers, 'DTMF-Digit')!).catch(() => {});
      if (name === 'CHANNEL_HANGUP' && ctx.uuid && hooks.callerHangupAt?.includes(chunk.n))
        ctx.emulator.hangup(ctx.uuid);
      if (isLingerNotice(expected) && owedExpected > 0) {
        owedExpected--;
        continue;
      }
      let actual: ParsedFrame | undefined;
      for (;;) {
        // CHANNEL_PARK races with myevents in FreeSWITCH: the emulator does not send it, so do not wait long for it.
        actual = await reader.next(isPark(expected) ? 150 : timeout);
        if (!actual) break;
        if (isPark(actual) && !isPark(expected)) {
          result.tolerated.push(`#${chunk.n}: extra ${actual.label} (it races in FreeSWITCH)`);
          continue;
        }
        if (isLingerNotice(actual) && !isLingerNotice(expected)) {
          if (owedActual > 0) owedActual--;
          else {
            owedExpected++;
            (hooks.lingerRace ? result.tolerated : result.diffs).push(
              `#${chunk.n}: linger notice earlier than in the capture`,
            );
          }
          continue;
        }
        break;
      }
      if (!actual && isPark(expected)) {
        result.tolerated.push(`#${chunk.n}: ${expected.label} not delivered (it races in FreeSWITCH)`);
        continue;
      }
      if (!actual) {
        result.diffs.push(`#${chunk.n}: no frame, expected ${expected.label}`);
        stopped = true;
        return;
      }
      if ((isPark(expected) && !isPark(actual)) || (isLingerNotice(expected) && !isLingerNotice(actual))) {
        (isPark(expected) || hooks.lingerRace ? result.tolerated : result.diffs).push(
          `#${chunk.n}: ${expected.label} ${isPark(expected) ? 'not delivered (it races in FreeSWITCH)' : 'later than in the capture'}`,
        );
        if (isLingerNotice(expected)) owedActual++;
        reader.unshift(actual);
        continue;
      }
      result.compared++;
      learnUuids(ctx, expected, actual);
      if (hooks.skipCompare?.includes(chunk.n)) continue;
      for (const d of compareFrames(expected, actual, {
        missingVars: result.missingVars,
        orderNotes: result.orderNotes,
      }))
        result.diffs.push(`#${chunk.n} ${expected.label}: ${d}`);
    }
  }
}

/** Splits an inbound transcript into its TCP sessions (comments mark each connect). */
export function inboundSessions(tr: Transcript): Chunk[][] {
  const sessions: Chunk[][] = [];
  for (const c of tr.chunks) {
    if (sessions.length === 0 || c.comments.some((m) => /TCP connect/.test(m))) sessions.push([]);
    sessions[sessions.length - 1]!.push(c);
  }
  return sessions;
}

export function connectInbound(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
}

/** A TCP server standing in for the app that FreeSWITCH's `socket` connects to. */
export async function appServer(): Promise<{
  server: Server;
  port: number;
  accept(): Promise<{ socket: Socket; reader: FrameReader }>;
}> {
  const pending: Array<(x: { socket: Socket; reader: FrameReader }) => void> = [];
  const ready: Array<{ socket: Socket; reader: FrameReader }> = [];
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    const item = { socket, reader: new FrameReader(socket) };
    const w = pending.shift();
    if (w) w(item);
    else ready.push(item);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    accept: () => {
      const r = ready.shift();
      if (r) return Promise.resolve(r);
      return new Promise((resolve) => pending.push(resolve));
    },
  };
}

/** Prints a replay's differences; with ESL_REPLAY_VERBOSE=1 also what was tolerated, missing variables and order notes. */
export function report(r: ReplayResult): void {
  if (r.diffs.length) console.log(`${r.name}: ${r.diffs.length} differences\n  ${r.diffs.join('\n  ')}`);
  if (process.env.ESL_REPLAY_VERBOSE) {
    console.log(`${r.name}: compared ${r.compared}; tolerated: ${r.tolerated.join('; ') || 'nothing'}`);
    if (r.missingVars.length) console.log(`  missing vars: ${[...new Set(r.missingVars)].join(', ')}`);
    if (r.orderNotes.length) console.log(`  order notes: ${[...new Set(r.orderNotes)].join('; ')}`);
  }
}
