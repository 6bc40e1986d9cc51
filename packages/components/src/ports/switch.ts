import type { DialTarget } from '../shared/telephony.js';
import type { Abortable } from './common.js';

export interface OriginateRequest extends Abortable {
  target: DialTarget;
  ringTimeoutMs: number;
  callerId?: { number?: string; name?: string };
  headers: Readonly<Record<string, string>>;
  /**
   * True (dial): the answered leg comes back to the runtime (`&socket(...)` with a correlation
   * variable) and becomes the calling run's call leg, its `ports.call` from the next step on.
   */
  attachToRun: boolean;
}

export type OriginateResult =
  { outcome: 'answered'; callId: string } | { outcome: 'busy' | 'noanswer' | 'failed'; cause: string };

export interface ConferenceMember {
  memberId: string;
  callId: string;
  moderator: boolean;
}

export interface ParkedCall {
  lot: string;
  slot: string;
  callId: string;
  parkedAt: Date;
}

/**
 * Control of the switch beyond the current leg (the inbound ESL control connection: api/bgapi).
 * Several FreeSWITCH servers may stand behind it; the runtime picks the one holding the call.
 */
export interface SwitchPort {
  originate(request: OriginateRequest): Promise<OriginateResult>;
  kill(callId: string, cause: string): Promise<void>;
  /** Bridges two existing legs directly (uuid_bridge). */
  bridgeCalls(callIdA: string, callIdB: string): Promise<void>;
  transferCall(callId: string, destination: string, context: string): Promise<void>;
  getCallVariable(callId: string, name: string): Promise<string | undefined>;
  setCallVariable(callId: string, name: string, value: string): Promise<void>;
  conferenceMembers(room: string): Promise<readonly ConferenceMember[]>;
  conferenceKick(room: string, memberId: string): Promise<void>;
  /** Resolves when the room has exactly `count` members, or with false after `timeoutMs`. */
  waitForConferenceSize(room: string, count: number, timeoutMs: number, options: Abortable): Promise<boolean>;
  parkedCalls(lot: string): Promise<readonly ParkedCall[]>;
}
