/** The configured FreeSWITCH servers: which one takes a new call, which one holds a given call. */
import { SwitchCapacityExceeded } from '../esl/esl-errors.js';
import type { ControlConnection } from './control-connection.js';

export class SwitchPool {
  /** Calls we know the switch of (inbound sockets, originated legs). */
  private readonly callSwitch = new Map<string, ControlConnection>();
  /** Originates sent and not yet answered, per switch: HEARTBEAT does not count them yet. */
  private readonly inFlight = new Map<ControlConnection, number>();

  constructor(readonly connections: readonly ControlConnection[]) {
    if (connections.length === 0) throw new Error('at least one switch is needed');
  }

  /** The connected switch with the most free sessions; refuses when every one is full or down. */
  pickForNewCall(): ControlConnection {
    let best: ControlConnection | undefined;
    let bestFree = -Infinity;
    const full: string[] = [];
    for (const connection of this.connections) {
      if (!connection.connected) continue;
      const free = (connection.freeSessions ?? Number.MAX_SAFE_INTEGER) - (this.inFlight.get(connection) ?? 0);
      if (free <= 0) {
        full.push(`${connection.id} (${connection.capacity?.sessions}/${connection.capacity?.maxSessions})`);
        continue;
      }
      if (free > bestFree) {
        best = connection;
        bestFree = free;
      }
    }
    if (best) return best;
    throw new SwitchCapacityExceeded(full.length ? `full: ${full.join(', ')}` : 'no switch is connected');
  }

  /** Counts an originate against a switch's capacity until `done` is called. */
  reserve(connection: ControlConnection): () => void {
    this.inFlight.set(connection, (this.inFlight.get(connection) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(connection) ?? 1) - 1;
      if (left > 0) this.inFlight.set(connection, left);
      else this.inFlight.delete(connection);
    };
  }

  remember(callId: string, connection: ControlConnection): void {
    this.callSwitch.set(callId, connection);
  }

  forget(callId: string): void {
    this.callSwitch.delete(callId);
  }

  /** The switch of an inbound call, told by the Core-UUID in its channel data. */
  byCoreUuid(coreUuid: string | undefined): ControlConnection | undefined {
    if (this.connections.length === 1) return this.connections[0];
    return coreUuid ? this.connections.find((c) => c.coreUuid === coreUuid) : undefined;
  }

  /** The switch holding a call: remembered, the only one, or the one that says `uuid_exists` true. */
  async locate(callId: string): Promise<ControlConnection> {
    const known = this.callSwitch.get(callId);
    if (known) return known;
    if (this.connections.length === 1) return this.connections[0]!;
    for (const connection of this.connections) {
      if (!connection.connected) continue;
      const exists = await connection.api(`uuid_exists ${callId}`).catch(() => 'false');
      if (exists.trim() === 'true') {
        this.callSwitch.set(callId, connection);
        return connection;
      }
    }
    throw new Error(`no switch holds call ${callId}`);
  }
}
