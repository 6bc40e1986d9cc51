/**
 * Control of the switch beyond the current leg, over the inbound control connections: originate
 * with a correlation variable, uuid operations, conferences and parking lots.
 */
import { randomUUID } from 'node:crypto';
import type {
  Abortable,
  ConferenceMember,
  OriginateRequest,
  OriginateResult,
  ParkedCall,
  SwitchPort,
} from '@ivr/components';
import type { CallLifecycleEmitter } from '../call-lifecycle.js';
import { classifyFailure } from '../call/bridge-outcome.js';
import {
  DEFAULT_DIAL_PLAN,
  dialVariables,
  endpointFor,
  seconds,
  sipHeaderVariable,
  type DialPlanOptions,
} from '../call/dial-string.js';
import type { EslCallPort } from '../call/esl-call-port.js';
import { EslCommandError } from '../esl/esl-errors.js';
import type { EslEvent } from '../esl/esl-event.js';
import type { ControlConnection } from './control-connection.js';
import { ORIGINATION_VARIABLE, type OriginationRegistry } from './origination-registry.js';
import type { SwitchPool } from './switch-pool.js';

export interface SwitchPortOptions {
  /** Where FreeSWITCH reaches the outbound server for `&socket(...)` (host:port). */
  socketTarget: () => string;
  nodeId: string;
  dialPlan?: DialPlanOptions;
  lifecycle?: CallLifecycleEmitter;
  /** How long an answered leg may take to connect back to the outbound server. */
  legArrivalTimeoutMs?: number;
  /** Legs this runtime controls, to warn them before a uuid_bridge takes them over. */
  legs: ReadonlyMap<string, EslCallPort>;
}

export class EslSwitchPort implements SwitchPort {
  constructor(
    private readonly pool: SwitchPool,
    private readonly originations: OriginationRegistry,
    private readonly options: SwitchPortOptions,
  ) {}

  async originate(request: OriginateRequest): Promise<OriginateResult> {
    if (request.signal.aborted) throw request.signal.reason;
    const connection = this.pool.pickForNewCall();
    const release = this.pool.reserve(connection);
    const callId = randomUUID();
    const originationId = randomUUID();
    const vars: Record<string, string> = {
      // Our own uuid for the leg, so an abort can kill it while it still rings.
      origination_uuid: callId,
      [ORIGINATION_VARIABLE]: originationId,
      ivr_runtime_node: this.options.nodeId,
      originate_timeout: String(seconds(request.ringTimeoutMs)),
    };
    if (request.callerId?.number) vars.origination_caller_id_number = request.callerId.number;
    if (request.callerId?.name) vars.origination_caller_id_name = request.callerId.name;
    for (const [name, value] of Object.entries(request.headers)) vars[sipHeaderVariable(name)] = value;
    const endpoint = endpointFor(request.target, this.options.dialPlan ?? DEFAULT_DIAL_PLAN);
    // Quoted: originate splits its arguments on spaces, and an unquoted `&socket(h:p async full)`
    // silently runs in static single-channel mode (esl INDEX item 28).
    const application = request.attachToRun ? `'&socket(${this.options.socketTarget()} async full)'` : '&park()';
    const arrival = request.attachToRun ? this.originations.expect(originationId) : undefined;
    const startedAt = new Date();
    this.options.lifecycle?.emit({
      type: 'ringing',
      callId,
      direction: 'outbound',
      from: request.callerId?.number ?? '',
      to: request.target.value,
      switchId: connection.id,
      at: startedAt,
      originationId,
    });
    const onAbort = () => void connection.api(`uuid_kill ${callId} ORIGINATOR_CANCEL`).catch(() => undefined);
    request.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const body = await connection.bgapi(`originate {${dialVariables(vars)}}${endpoint} ${application}`, {
        signal: request.signal,
      });
      if (!body.startsWith('+OK')) {
        const cause = body.replace(/^-(ERR|USAGE:?)\s*/, '').trim() || 'NORMAL_TEMPORARY_FAILURE';
        const failure = classifyFailure(cause);
        this.options.lifecycle?.emit({
          type: 'ended',
          callId,
          cause: failure.cause,
          at: new Date(),
          answered: false,
          durationMs: Date.now() - startedAt.getTime(),
          talkMs: 0,
        });
        return failure;
      }
      this.pool.remember(callId, connection);
      this.options.lifecycle?.emit({ type: 'answered', callId, at: new Date() });
      if (arrival) await arrival.arrived(this.options.legArrivalTimeoutMs ?? 10_000, request.signal);
      return { outcome: 'answered', callId };
    } finally {
      release();
      arrival?.cancel();
      request.signal.removeEventListener('abort', onAbort);
    }
  }

  async kill(callId: string, cause: string): Promise<void> {
    const reply = await (await this.pool.locate(callId).catch(() => undefined))?.api(`uuid_kill ${callId} ${cause}`);
    // Killing a call that is already gone is not a fault.
    if (reply && !reply.startsWith('+OK') && !/No such channel/.test(reply))
      throw new EslCommandError('uuid_kill', reply);
  }

  async bridgeCalls(callIdA: string, callIdB: string): Promise<void> {
    const connection = await this.pool.locate(callIdA);
    // Our sockets on these legs must know the conference / park they wait in ends by this bridge.
    this.options.legs.get(callIdA)?.markUuidBridgePending();
    this.options.legs.get(callIdB)?.markUuidBridgePending();
    await this.expectOk(connection, `uuid_bridge ${callIdA} ${callIdB}`);
  }

  async transferCall(callId: string, destination: string, context: string): Promise<void> {
    await this.expectOk(await this.pool.locate(callId), `uuid_transfer ${callId} ${destination} XML ${context}`);
  }

  async getCallVariable(callId: string, name: string): Promise<string | undefined> {
    const value = (await (await this.pool.locate(callId)).api(`uuid_getvar ${callId} ${name}`)).replace(/\n$/, '');
    if (value === '_undef_') return undefined;
    if (value.startsWith('-ERR')) throw new EslCommandError('uuid_getvar', value);
    return value;
  }

  async setCallVariable(callId: string, name: string, value: string): Promise<void> {
    await this.expectOk(
      await this.pool.locate(callId),
      `uuid_setvar ${callId} ${name} ${value.replace(/[\r\n]+/g, ' ')}`,
    );
  }

  async conferenceMembers(room: string): Promise<readonly ConferenceMember[]> {
    for (const connection of this.pool.connections) {
      if (!connection.connected) continue;
      const text = await connection.api(`conference ${room} list`);
      if (text.startsWith('-ERR') || text.startsWith('+OK No')) continue;
      return parseConferenceList(text);
    }
    return [];
  }

  async conferenceKick(room: string, memberId: string): Promise<void> {
    for (const connection of this.pool.connections) {
      if (!connection.connected) continue;
      const reply = await connection.api(`conference ${room} kick ${memberId}`);
      if (reply.startsWith('+OK')) return;
    }
    throw new Error(`no member ${memberId} in conference ${room}`);
  }

  /** Watches conference::maintenance events (Conference-Size), after a first look with `list`. */
  async waitForConferenceSize(room: string, count: number, timeoutMs: number, options: Abortable): Promise<boolean> {
    const { signal } = options;
    if (signal.aborted) throw signal.reason;
    return new Promise<boolean>((resolve, reject) => {
      const offs: Array<() => void> = [];
      let settled = false;
      const finish = (value: boolean | Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        for (const off of offs) off();
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      const onAbort = () => finish(signal.reason as Error);
      const timer = setTimeout(() => finish(false), timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      const onEvent = (event: EslEvent) => {
        if (event.subclass !== 'conference::maintenance' || event.header('Conference-Name') !== room) return;
        if (Number(event.header('Conference-Size')) === count) finish(true);
      };
      for (const connection of this.pool.connections) offs.push(connection.onEvent(onEvent));
      this.conferenceMembers(room).then(
        (members) => members.length === count && finish(true),
        () => undefined,
      );
    });
  }

  async parkedCalls(lot: string): Promise<readonly ParkedCall[]> {
    const out: ParkedCall[] = [];
    for (const connection of this.pool.connections) {
      if (!connection.connected) continue;
      const xml = await connection.api(`valet_info ${lot}`);
      for (const match of xml.matchAll(/<extension uuid="([^"]+)">([^<]+)<\/extension>/g)) {
        // valet_info does not say when a call was parked; the time it was seen is the best we have.
        out.push({ lot, slot: match[2]!, callId: match[1]!, parkedAt: new Date() });
      }
    }
    return out;
  }

  private async expectOk(connection: ControlConnection, command: string): Promise<string> {
    const reply = await connection.api(command);
    if (!reply.startsWith('+OK')) throw new EslCommandError(command.split(' ')[0]!, reply);
    return reply;
  }
}

/** `id;channel-name;uuid;cid_name;cid_num;flags;...` per member, newest first (esl INDEX item 29). */
export function parseConferenceList(text: string): ConferenceMember[] {
  const members: ConferenceMember[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(';');
    if (fields.length < 6 || !/^\d+$/.test(fields[0]!)) continue;
    members.push({ memberId: fields[0]!, callId: fields[2]!, moderator: fields[5]!.split('|').includes('moderator') });
  }
  return members;
}
