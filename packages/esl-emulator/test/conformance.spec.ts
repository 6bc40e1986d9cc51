/**
 * Conformance: the ground-truth captures of a real FreeSWITCH (shared/esl) replayed against the
 * emulator. Each client request of a capture is sent again, with the same caller behaviour (keys,
 * hangups, endpoint outcomes), and every frame is compared modulo volatile values.
 */
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator, type EmulatorOptions } from '../src/emulator.js';
import { headerValue } from '@ivr/esl-protocol';
import type { EndpointDefinition } from '../src/switch.js';
import {
  appServer,
  connectInbound,
  driveConnection,
  FrameReader,
  framesOf,
  inboundSessions,
  report,
  type ReplayHooks,
  type ReplayResult,
} from './replay.js';
import { ESL_DIR, readTranscript, type Chunk } from './transcript.js';

const haveCaptures = existsSync(join(ESL_DIR, 'README.md'));
const TIME_SCALE = 0.02;
const PROMPTS = {
  '/usr/freeswitch/share/prompts/thanks.wav': 2758,
  '/usr/freeswitch/share/prompts/goodbye.wav': 2706,
  '/usr/freeswitch/share/prompts/welcome.wav': 5540,
};

let emulators: Emulator[] = [];
afterEach(async () => {
  for (const e of emulators) await e.close();
  emulators = [];
});

async function newEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const em = new Emulator({
    port: 0,
    timeScale: TIME_SCALE,
    prompts: PROMPTS,
    strictFiles: true,
    heartbeatSeconds: 0,
    recordingsDir: mkdtempSync(join(tmpdir(), 'esl-rec-')),
    ...opts,
  });
  await em.listen();
  emulators.push(em);
  return em;
}

function result(name: string): ReplayResult {
  return { name, compared: 0, diffs: [], tolerated: [], missingVars: [], orderNotes: [] };
}

/** The destination, caller and SIP X- headers of the call, from the capture's connect reply. */
function callOf(chunks: Chunk[]): { to: string; from: string; headers: Record<string, string> } {
  const reply = chunks.find((c) => c.dir === 'fs' && c.bytes.includes('CHANNEL_DATA'));
  const f = reply ? framesOf(reply.bytes)[0] : undefined;
  const h = (n: string) => (f ? headerValue(f.outer, n) : undefined);
  const headers: Record<string, string> = {};
  for (const [n, v] of f?.outer ?? [])
    if (n.startsWith('variable_sip_h_')) headers[n.slice(15)] = decodeURIComponent(v);
  return { to: h('Caller-Destination-Number') ?? '5551234', from: h('Caller-Caller-ID-Number') ?? 'sipp', headers };
}

interface OutboundCase {
  name: string;
  endpoint?: Omit<EndpointDefinition, 'match'>;
  hooks?: ReplayHooks;
}

/** One outbound-socket call: the emulator places the call and connects to the test's app server. */
async function replayOutbound(c: OutboundCase): Promise<ReplayResult> {
  const tr = readTranscript(c.name);
  const app = await appServer();
  const em = await newEmulator({ outbound: { host: '127.0.0.1', port: app.port } });
  if (c.endpoint) em.defineEndpoint({ match: /./, ...c.endpoint });
  const call = em.placeCall(callOf(tr.chunks));
  const { socket, reader } = await app.accept();
  const r = result(c.name);
  const rewrite = (t: string) => t.replaceAll('127.0.0.1:8084', `127.0.0.1:${app.port}`);
  await driveConnection(
    socket,
    reader,
    tr.chunks,
    { rewrite, ...c.hooks },
    { emulator: em, uuid: call.uuid, uuids: new Map() },
    r,
  );
  socket.destroy();
  app.server.close();
  return r;
}

const OUTBOUND: OutboundCase[] = [
  { name: 'esl-outbound' },
  { name: 'esl-outbound-callerhangup', hooks: { callerHangupAt: [15] } },
  {
    name: 'esl-bridge-answered',
    endpoint: { outcome: 'answer', hangupAfterSeconds: 2 },
    // The linger notice comes before the last CHANNEL_STATE here, after HANGUP_COMPLETE in the same flow of esl-bridge-sipheaders.
    hooks: { lingerRace: true },
  },
  { name: 'esl-bridge-busy', endpoint: { outcome: 'busy' } },
  { name: 'esl-bridge-decline', endpoint: { outcome: 'decline' } },
  { name: 'esl-bridge-noanswer-calltimeout', endpoint: { outcome: 'noanswer' } },
  { name: 'esl-bridge-noanswer-originatetimeout', endpoint: { outcome: 'noanswer' } },
  { name: 'esl-bridge-unreachable', endpoint: { outcome: 'unreachable' } },
  { name: 'esl-bridge-sipheaders', endpoint: { outcome: 'answer', hangupAfterSeconds: 2 } },
  { name: 'esl-xheaders-in' },
  { name: 'esl-errors-outbound' },
  { name: 'esl-errors-outbound-bridgefail' },
  { name: 'esl-media-hangup-busy-answered' },
  { name: 'esl-media-hangup-busy-preanswer' },
  { name: 'esl-media-playback-dtmf' },
  { name: 'esl-media-record', hooks: { before: { 28: (ctx) => ctx.emulator.setCallerAudio(ctx.uuid!, 'silence') } } },
  { name: 'esl-media-record-session' },
  { name: 'esl-media-speak-say' },
  { name: 'esl-media-transfer' },
  { name: 'esl-valet-timeout-noexten' },
  { name: 'esl-valet-timeout-orbit' },
];

describe.skipIf(!haveCaptures)('conformance: outbound socket captures', () => {
  for (const c of OUTBOUND) {
    it(c.name, async () => {
      const r = await replayOutbound(c);
      report(r);
      expect(r.compared).toBeGreaterThan(5);
      expect(r.diffs).toEqual([]);
    });
  }
});

// --- inbound-mode captures ------------------------------------------------------------------------

interface InboundCase {
  name: string;
  endpoints?: EndpointDefinition[];
  hooks?: ReplayHooks;
  /** Sessions (0-based) of a multi-session capture to replay; default all. */
  sessions?: number[];
  options?: EmulatorOptions;
}

async function replayInbound(c: InboundCase, em?: Emulator): Promise<ReplayResult> {
  const tr = readTranscript(c.name);
  const emulator = em ?? (await newEmulator(c.options));
  for (const e of c.endpoints ?? []) emulator.defineEndpoint(e);
  const r = result(c.name);
  const sessions = inboundSessions(tr);
  for (const [i, chunks] of sessions.entries()) {
    if (c.sessions && !c.sessions.includes(i)) continue;
    const socket = await connectInbound(emulator.address!.port);
    const reader = new FrameReader(socket);
    await driveConnection(socket, reader, chunks, c.hooks ?? {}, { emulator, uuids: new Map() }, r);
    socket.destroy();
  }
  return r;
}

const INBOUND: InboundCase[] = [
  // #9 is `api status` (uptime and session counts of the captured switch).
  { name: 'esl-inbound', hooks: { skipCompare: [9] } },
  { name: 'esl-errors-inbound' },
  { name: 'esl-api-misc', hooks: { skipCompare: [5, 11] } },
  {
    name: 'esl-api-events-filters',
    options: { heartbeatSeconds: 0.5 },
    hooks: { skipCompare: [8, 9, 14, 23, 24, 35] },
  },
  {
    name: 'esl-api-originate-failures',
    endpoints: [
      { match: 'sofia/external/uas@127.0.0.1:5091', outcome: 'busy' },
      { match: 'sofia/external/uas@127.0.0.1:5092', outcome: 'noanswer' },
      { match: 'sofia/external/uas@127.0.0.1:5999', outcome: 'unreachable' },
      { match: 'sofia/external/uas@127.0.0.1:5094', outcome: 'decline' },
    ],
  },
];

describe.skipIf(!haveCaptures)('conformance: inbound captures', () => {
  for (const c of INBOUND) {
    it(c.name, async () => {
      const r = await replayInbound(c);
      report(r);
      expect(r.compared).toBeGreaterThan(5);
      expect(r.diffs).toEqual([]);
    });
  }
});
