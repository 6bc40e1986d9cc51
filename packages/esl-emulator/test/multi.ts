/**
 * Multi-connection replays: the captures of one scenario (an inbound control client plus the
 * outbound sockets FreeSWITCH opened for each call) share one clock, so their t= values order the
 * actions of all connections. Each connection is driven by driveConnection; before it acts (writes,
 * hangs a caller up, presses a key) at time t, it waits until every other connection has handled
 * all its chunks earlier than t.
 */
import type { Emulator } from '../src/emulator.js';
import { headerValue } from '@ivr/esl-protocol';
import {
  appServer,
  connectInbound,
  driveConnection,
  FrameReader,
  framesOf,
  type ReplayHooks,
  type ReplayResult,
} from './replay.js';
import { readTranscript, type Chunk } from './transcript.js';

/** The times of each connection's next unhandled chunk; actions wait until the others have caught up. */
export class SharedClock {
  private readonly cursors = new Map<string, number>();
  private waiters: Array<() => void> = [];

  register(id: string, t: number): void {
    this.cursors.set(id, t);
  }

  set(id: string, t: number): void {
    this.cursors.set(id, t);
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }

  async wait(id: string, t: number): Promise<void> {
    for (;;) {
      let ready = true;
      for (const [other, next] of this.cursors) if (other !== id && next < t) ready = false;
      if (ready) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

export interface ScenarioConnection {
  /** Transcript name (without -transcript.txt). */
  name: string;
  /**
   * inbound: a client connecting to the Event Socket; call: a SIP caller the test places (the dialplan
   * sends it to the app's socket); originated: an outbound socket the emulator opens for a leg it
   * originated (api originate ... &socket(...)).
   */
  kind: 'inbound' | 'call' | 'originated';
  hooks?: ReplayHooks;
}

function result(name: string): ReplayResult {
  return { name, compared: 0, diffs: [], tolerated: [], missingVars: [], orderNotes: [] };
}

/** The destination and caller of a call, from the capture's connect reply. */
function callOf(chunks: Chunk[]): { to: string; from: string; headers: Record<string, string> } {
  const reply = chunks.find((c) => c.dir === 'fs' && c.bytes.includes('CHANNEL_DATA'));
  const f = reply ? framesOf(reply.bytes)[0] : undefined;
  const h = (n: string) => (f ? headerValue(f.outer, n) : undefined);
  const headers: Record<string, string> = {};
  for (const [n, v] of f?.outer ?? [])
    if (n.startsWith('variable_sip_h_')) headers[n.slice(15)] = decodeURIComponent(v);
  return { to: h('Caller-Destination-Number') ?? '5551234', from: h('Caller-Caller-ID-Number') ?? 'sipp', headers };
}

/** Replays the connections of one scenario at once against a fresh emulator made by `make`. */
export async function replayScenario(
  connections: ScenarioConnection[],
  make: (outbound: { host: string; port: number }) => Promise<Emulator>,
): Promise<ReplayResult[]> {
  const app = await appServer();
  const emulator = await make({ host: '127.0.0.1', port: app.port });
  const clock = new SharedClock();
  const uuids = new Map<string, string>();
  const rewrite = (t: string) => t.replaceAll('127.0.0.1:8084', `127.0.0.1:${app.port}`);
  const transcripts = connections.map((c) => readTranscript(c.name));
  transcripts.forEach((tr, i) => clock.register(String(i), tr.chunks[0]?.t ?? Infinity));
  const results = connections.map((c) => result(c.name));
  const sockets: Array<{ destroy(): void }> = [];

  const run = async (c: ScenarioConnection, i: number) => {
    const id = String(i);
    const chunks = transcripts[i]!.chunks;
    const hooks: ReplayHooks = {
      rewrite,
      ...c.hooks,
      gate: (t) => clock.wait(id, t),
      progress: (t) => clock.set(id, t),
    };
    try {
      const first = chunks[0]?.t ?? 0;
      let uuid: string | undefined;
      let conn: { socket: import('node:net').Socket; reader: FrameReader };
      if (c.kind === 'inbound') {
        await clock.wait(id, first);
        const socket = await connectInbound(emulator.address!.port);
        conn = { socket, reader: new FrameReader(socket) };
      } else {
        if (c.kind === 'call') {
          await clock.wait(id, first);
          uuid = emulator.placeCall(callOf(chunks)).uuid;
        }
        // The emulator opens this socket itself (the call's `socket` application): give up if it never does.
        let timer: NodeJS.Timeout | undefined;
        const accepted = await Promise.race([
          app.accept(),
          new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 5000))),
        ]);
        clearTimeout(timer);
        if (!accepted) {
          results[i]!.diffs.push('the emulator never connected this outbound socket');
          return;
        }
        conn = accepted;
      }
      sockets.push(conn.socket);
      await driveConnection(conn.socket, conn.reader, chunks, hooks, { emulator, uuid, uuids }, results[i]!);
    } catch (error) {
      results[i]!.diffs.push(`replay failed: ${String(error)}`);
    } finally {
      clock.set(id, Infinity);
    }
  };
  await Promise.all(connections.map(run));
  for (const s of sockets) s.destroy();
  app.server.close();
  return results;
}
