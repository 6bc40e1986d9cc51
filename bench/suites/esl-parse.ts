/**
 * ESL parsing: events per second on the real FreeSWITCH byte streams (/work/shared/esl/*.raw, or
 * ESL_CAPTURES), fed in 64 KiB chunks as a socket would deliver them. Three parsers on the same
 * bytes:
 * - the runtime's adapter: EslClient as a call connection uses it (EslConnection: the shared
 *   FrameParser, events handed over unparsed and read lazily by EslEvent, each event's name read
 *   as the client's dispatch does; modesl only for replies), set up as an outbound call connection;
 * - modesl's own Parser alone (the baseline);
 * - the shared FrameParser with parseEventPlain / JSON.parse of every event (a full parse).
 * The captures are mostly text/event-plain; the runtime subscribes `myevents json`, so the same
 * events are also re-encoded as text/event-json frames (FreeSWITCH's JSON form) and measured too.
 */
import { EventEmitter } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { FrameParser, headerValue, parseEventPlain } from '../../packages/esl-protocol/src/index.js';
import { EslClient } from '../../apps/runtime/src/telephony/esl/esl-client.js';
import { emit, median, repoRoot, row, type Row } from '../lib/report.js';

const CAPTURES = process.env.ESL_CAPTURES ?? '/work/shared/esl';
const CHUNK = 64 * 1024;
const MIN_MS = Number(process.env.ESL_PARSE_MS ?? 1_500);

// modesl is the runtime's dependency: load it from there, as the adapter does.
const runtimeRequire = createRequire(join(repoRoot(), 'apps', 'runtime', 'package.json'));
const modesl = runtimeRequire('modesl') as {
  Parser: new (socket: EventEmitter) => EventEmitter;
};

const files = readdirSync(CAPTURES)
  .filter((f) => f.endsWith('.raw'))
  .sort()
  .map((f) => readFileSync(join(CAPTURES, f)));
if (files.length === 0) throw new Error(`no *.raw captures in ${CAPTURES}`);

/** Splits a stream into frames (headers + body) with the shared FrameParser, to count and re-encode them. */
function framesOf(stream: Buffer): Array<{ headers: Array<[string, string]>; body: Buffer | undefined }> {
  const out: Array<{ headers: Array<[string, string]>; body: Buffer | undefined }> = [];
  const parser = new FrameParser((frame) => out.push({ headers: frame.headers, body: frame.body }));
  parser.push(stream);
  return out;
}

/** The same stream with every text/event-plain frame re-encoded as text/event-json. */
function asJson(stream: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const frame of framesOf(stream)) {
    const type = headerValue(frame.headers, 'Content-Type');
    let headers = frame.headers;
    let body = frame.body;
    if (type === 'text/event-plain' && body) {
      const event = parseEventPlain(body);
      const object: Record<string, string> = {};
      for (const [name, value] of event.headers) object[name] = value;
      if (event.body !== undefined) object._body = event.body;
      body = Buffer.from(JSON.stringify(object));
      headers = [
        ['Content-Length', String(body.length)],
        ['Content-Type', 'text/event-json'],
      ];
    }
    let head = '';
    for (const [name, value] of headers) head += `${name}: ${value}\n`;
    parts.push(Buffer.from(head + '\n'));
    if (body) parts.push(body);
  }
  return Buffer.concat(parts);
}

function chunksOf(streams: Buffer[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (const stream of streams) {
    for (let at = 0; at < stream.length; at += CHUNK) chunks.push(stream.subarray(at, at + CHUNK));
  }
  return chunks;
}

function countEvents(streams: Buffer[]): number {
  let n = 0;
  for (const stream of streams) {
    for (const frame of framesOf(stream)) {
      const type = headerValue(frame.headers, 'Content-Type') ?? '';
      if (type.startsWith('text/event-')) n++;
    }
  }
  return n;
}

class FakeSocket extends EventEmitter {
  destroyed = false;
  writable = true;
  write(): boolean {
    return true;
  }
  setNoDelay(): this {
    return this;
  }
  end(): this {
    return this;
  }
  destroy(): this {
    return this;
  }
}

/** A parser under test: feed() pushes one chunk; events() counts the events it has delivered. */
interface Subject {
  feed(chunk: Buffer): void;
  events(): number;
}

function ourParser(): Subject {
  let events = 0;
  let sink = 0;
  const parser = new FrameParser((frame) => {
    const type = headerValue(frame.headers, 'Content-Type');
    if (type === 'text/event-plain' && frame.body) {
      const event = parseEventPlain(frame.body);
      sink += event.headers.length;
      events++;
    } else if (type === 'text/event-json' && frame.body) {
      const event = JSON.parse(frame.body.toString('utf8')) as Record<string, unknown>;
      if (event['Event-Name'] !== undefined) sink++;
      events++;
    }
  });
  return { feed: (chunk) => parser.push(chunk), events: () => events + (sink < 0 ? 1 : 0) };
}

function modeslParser(): Subject {
  const socket = new EventEmitter();
  const parser = new modesl.Parser(socket);
  let events = 0;
  parser.on('esl::event', (_event: unknown, headers: Record<string, unknown>) => {
    if (String(headers['Content-Type'] ?? '').startsWith('text/event-')) events++;
  });
  return { feed: (chunk) => socket.emit('data', chunk), events: () => events };
}

/** The runtime's EslClient as the outbound server makes it, set up with a real connect reply. */
async function adapter(): Promise<Subject> {
  const socket = new FakeSocket();
  const outbound = readFileSync(join(CAPTURES, 'esl-outbound.raw'));
  const firstFrameEnd = outbound.indexOf('\n\n') + 2;
  const connect = outbound.subarray(0, firstFrameEnd);
  const ok = Buffer.from('Content-Type: command/reply\nReply-Text: +OK\n\n');
  const setup = EslClient.acceptOutbound(socket as unknown as Socket, { commandTimeoutMs: 5_000 });
  socket.emit('data', Buffer.concat([connect, ok, ok, ok, ok]));
  const { client } = await setup;
  let events = 0;
  client.onEvent((event) => {
    if (event.name) events++;
  });
  return { feed: (chunk) => socket.emit('data', chunk), events: () => events };
}

/** Events per second of process CPU time, median of several passes over the whole corpus. */
function measure(subject: Subject, chunks: Buffer[], expected: number): { cpu: number; wall: number } {
  const pass = () => {
    for (const chunk of chunks) subject.feed(chunk);
  };
  pass();
  pass();
  const before = subject.events();
  pass();
  const got = subject.events() - before;
  if (got !== expected) throw new Error(`parser delivered ${got} events per pass, expected ${expected}`);
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  const started = performance.now();
  while (performance.now() - started < MIN_MS || cpuRates.length < 5) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    pass();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuRates.push((expected / ((c.user + c.system) / 1000 || 0.001)) * 1000);
    wallRates.push((expected / wall) * 1000);
  }
  return { cpu: median(cpuRates), wall: median(wallRates) };
}

const corpora = [
  { name: 'plain (as captured)', streams: files },
  { name: 'JSON (same events as text/event-json)', streams: files.map(asJson) },
];

const rows: Row[] = [];
const notes: string[] = [];
for (const corpus of corpora) {
  const chunks = chunksOf(corpus.streams);
  const expected = countEvents(corpus.streams);
  const bytes = corpus.streams.reduce((n, s) => n + s.length, 0);
  const base = measure(modeslParser(), chunks, expected);
  const ours = measure(ourParser(), chunks, expected);
  const viaAdapter = measure(await adapter(), chunks, expected);
  notes.push(
    `${corpus.name}: ${files.length} captures, ${expected} events, ${(bytes / 1e6).toFixed(2)} MB per pass; wall-clock events/s: adapter ${Math.round(viaAdapter.wall).toLocaleString('en')}, modesl Parser ${Math.round(base.wall).toLocaleString('en')}, FrameParser with full parse ${Math.round(ours.wall).toLocaleString('en')}.`,
  );
  rows.push(
    row({
      group: 'ESL parsing',
      metric: `events/s, ${corpus.name}, runtime adapter (EslClient, lazy event reading)`,
      unit: 'events/s',
      ours: Math.round(viaAdapter.cpu),
      baselineName: "modesl's Parser alone",
      baseline: Math.round(base.cpu),
    }),
    row({
      group: 'ESL parsing',
      metric: `events/s, ${corpus.name}, FrameParser + full parseEventPlain/JSON.parse`,
      unit: 'events/s',
      ours: Math.round(ours.cpu),
      baselineName: "modesl's Parser alone",
      baseline: Math.round(base.cpu),
    }),
  );
}
notes.push(
  'Events/s per second of process CPU time (user + system), median of passes over the whole corpus in 64 KiB chunks; an event is a text/event-* frame, every one delivered (checked).',
);
emit({ suite: 'esl-parse', rows, notes });
