/**
 * A simulated FreeSWITCH channel: state, caller profile, ordered channel variables, and the
 * channel data FreeSWITCH adds to its events (switch_channel_event_set_data).
 */
import type { EslEvent } from './event.js';

export const CHANNEL_STATES = [
  'CS_NEW',
  'CS_INIT',
  'CS_ROUTING',
  'CS_SOFT_EXECUTE',
  'CS_EXECUTE',
  'CS_EXCHANGE_MEDIA',
  'CS_PARK',
  'CS_CONSUME_MEDIA',
  'CS_HIBERNATE',
  'CS_RESET',
  'CS_HANGUP',
  'CS_REPORTING',
  'CS_DESTROY',
] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];
export type CallState = 'DOWN' | 'DIALING' | 'RINGING' | 'EARLY' | 'ACTIVE' | 'HELD' | 'HANGUP';
/** switch_channel_callstate_t numbering (Channel-Call-State-Number). */
export const CALL_STATE_NUMBERS: Record<CallState, number> = {
  DOWN: 0,
  DIALING: 1,
  RINGING: 2,
  EARLY: 3,
  ACTIVE: 4,
  HELD: 5,
  HANGUP: 7,
};
export type AnswerState = 'ringing' | 'early' | 'answered' | 'hangup';

/** Q.850 codes of the hangup causes the emulator produces. */
export const Q850: Record<string, number> = {
  UNALLOCATED_NUMBER: 1,
  NO_ROUTE_DESTINATION: 3,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  DESTINATION_OUT_OF_ORDER: 27,
  INVALID_NUMBER_FORMAT: 28,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_TEMPORARY_FAILURE: 41,
  CHAN_NOT_IMPLEMENTED: 66,
  RECOVERY_ON_TIMER_EXPIRE: 102,
  ORIGINATOR_CANCEL: 487,
  LOSE_RACE: 502,
  MANAGER_REQUEST: 503,
  ALLOTTED_TIMEOUT: 602,
};

export function isHangupCause(name: string): boolean {
  return name in Q850;
}

export interface ProfileTimes {
  profileCreated: number;
  created: number;
  answered: number;
  progress: number;
  progressMedia: number;
  hangup: number;
  transfer: number;
  resurrect: number;
  bridged: number;
  lastHold: number;
  holdAccum: number;
}

export interface CallerProfile {
  direction: 'inbound' | 'outbound';
  logicalDirection: 'inbound' | 'outbound';
  username?: string;
  dialplan?: string;
  callerIdName?: string;
  callerIdNumber?: string;
  origCallerIdName?: string;
  origCallerIdNumber?: string;
  calleeIdName?: string;
  calleeIdNumber?: string;
  networkAddr?: string;
  ani?: string;
  destinationNumber: string;
  uniqueId: string;
  source: string;
  transferSource?: string;
  context: string;
  rdnis?: string;
  channelName: string;
  profileIndex?: string;
  times: ProfileTimes;
}

export function newTimes(now: number): ProfileTimes {
  return {
    profileCreated: now,
    created: now,
    answered: 0,
    progress: 0,
    progressMedia: 0,
    hangup: 0,
    transfer: 0,
    resurrect: 0,
    bridged: 0,
    lastHold: 0,
    holdAccum: 0,
  };
}

/** Adds a caller profile's headers with the given prefix (`Caller`, `Other-Leg`, `Channel`). */
export function addProfile(ev: EslEvent, prefix: string, p: CallerProfile, withIndex = true): void {
  const h = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') ev.add(`${prefix}-${name}`, value);
  };
  h('Direction', p.direction);
  h('Logical-Direction', p.logicalDirection);
  h('Username', p.username);
  h('Dialplan', p.dialplan);
  h('Caller-ID-Name', p.callerIdName);
  h('Caller-ID-Number', p.callerIdNumber);
  h('Orig-Caller-ID-Name', p.origCallerIdName);
  h('Orig-Caller-ID-Number', p.origCallerIdNumber);
  h('Callee-ID-Name', p.calleeIdName);
  h('Callee-ID-Number', p.calleeIdNumber);
  h('Network-Addr', p.networkAddr);
  h('ANI', p.ani);
  h('Destination-Number', p.destinationNumber);
  h('Unique-ID', p.uniqueId);
  h('Source', p.source);
  h('Transfer-Source', p.transferSource);
  h('Context', p.context);
  h('RDNIS', p.rdnis);
  h('Channel-Name', p.channelName);
  if (withIndex) h('Profile-Index', p.profileIndex);
  const t = p.times;
  ev.add(`${prefix}-Profile-Created-Time`, t.profileCreated)
    .add(`${prefix}-Channel-Created-Time`, t.created)
    .add(`${prefix}-Channel-Answered-Time`, t.answered)
    .add(`${prefix}-Channel-Progress-Time`, t.progress)
    .add(`${prefix}-Channel-Progress-Media-Time`, t.progressMedia)
    .add(`${prefix}-Channel-Hangup-Time`, t.hangup)
    .add(`${prefix}-Channel-Transfer-Time`, t.transfer)
    .add(`${prefix}-Channel-Resurrect-Time`, t.resurrect)
    .add(`${prefix}-Channel-Bridged-Time`, t.bridged)
    .add(`${prefix}-Channel-Last-Hold`, t.lastHold)
    .add(`${prefix}-Channel-Hold-Accum`, t.holdAccum)
    .add(`${prefix}-Screen-Bit`, 'true')
    .add(`${prefix}-Privacy-Hide-Name`, 'false')
    .add(`${prefix}-Privacy-Hide-Number`, 'false');
}

/** Events that carry the channel variables (switch_channel_event_set_extended_data). */
const EXTENDED = new Set([
  'CHANNEL_CREATE',
  'CHANNEL_ORIGINATE',
  'CHANNEL_UUID',
  'CHANNEL_ANSWER',
  'CHANNEL_PARK',
  'CHANNEL_UNPARK',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_DATA',
  'CHANNEL_EXECUTE',
  'CHANNEL_EXECUTE_COMPLETE',
  'CHANNEL_DESTROY',
  'API',
  'RECORD_START',
  'RECORD_STOP',
  'PLAYBACK_START',
  'PLAYBACK_STOP',
  'CUSTOM',
  'CALL_UPDATE',
]);

export interface OtherLeg {
  type: 'originator' | 'originatee';
  channel: Channel;
  /** A copy of the other leg's caller profile taken when the legs were linked (uuid_bridge), shown instead of its live one. */
  profile?: CallerProfile;
}

/** Ordered variables: setting a variable moves it to the end, as FreeSWITCH's event headers do. */
export class Variables {
  private readonly map = new Map<string, string>();

  get(name: string): string | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  set(name: string, value: string | number | undefined | null): void {
    this.map.delete(name);
    if (value === undefined || value === null) return;
    this.map.set(name, String(value));
  }

  /** Updates a value in place, keeping its position (used where FreeSWITCH updates without re-adding). */
  update(name: string, value: string): void {
    if (this.map.has(name)) this.map.set(name, value);
    else this.map.set(name, value);
  }

  delete(name: string): void {
    this.map.delete(name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.map);
  }

  get size(): number {
    return this.map.size;
  }
}

export class Channel {
  state: ChannelState = 'CS_NEW';
  private callStateValue: CallState = 'DOWN';
  /** Told about each call-state change (the session fires CHANNEL_CALLSTATE). */
  onCallState: ((from: CallState) => void) | undefined;

  get callState(): CallState {
    return this.callStateValue;
  }

  set callState(value: CallState) {
    const from = this.callStateValue;
    if (from === value) return;
    this.callStateValue = value;
    this.onCallState?.(from);
  }
  answerState: AnswerState = 'ringing';
  hangupCause: string | undefined;
  readonly vars = new Variables();
  otherLeg: OtherLeg | undefined;
  codec = { name: 'PCMA', rate: 8000, bitRate: 64000 };
  /** The read side while a recording runs (FreeSWITCH reads L16 then). */
  readCodec: { name: string; rate: number; bitRate: number } | undefined;
  /** State number reported while a transfer is under way (CS_ROUTING, before the state changes). */
  pendingStateNumber: number | undefined;
  presenceId: string | undefined;
  /** Channel-HIT-Dialplan: false while an originated leg waits for originate to hand it an application. */
  hitDialplan = true;
  /** False until the channel has its codecs (CODEC events): no Channel-*-Codec-* headers before that. */
  mediaReady = true;
  /** False in CS_NEW, before the caller profile exists: no Caller-* headers. */
  profileReady = true;
  /** Channel-State shown instead of the state (CHANNEL_OUTGOING shows CS_NONE). */
  stateLabel: string | undefined;
  readonly createdAt = Date.now();

  constructor(
    readonly uuid: string,
    public name: string,
    readonly direction: 'inbound' | 'outbound',
    public profile: CallerProfile,
  ) {}

  /** FreeSWITCH reports the state it is moving to: CS_HANGUP (10) as soon as the channel hangs up. */
  get stateNumber(): number {
    const n = CHANNEL_STATES.indexOf(this.state);
    if (this.isHungUp && n < 10) return 10;
    return this.pendingStateNumber ?? n;
  }

  get isHungUp(): boolean {
    return this.answerState === 'hangup';
  }

  get isAnswered(): boolean {
    return this.profile.times.answered > 0;
  }

  /** switch_channel_event_set_basic_data + (for the events that get them) the variables. */
  addData(ev: EslEvent, withVariables = EXTENDED.has(ev.name)): void {
    ev.add('Channel-State', this.stateLabel ?? this.state)
      .add('Channel-Call-State', this.callState)
      .add('Channel-State-Number', this.stateNumber)
      .add('Channel-Name', this.name)
      .add('Unique-ID', this.uuid)
      .add('Call-Direction', this.direction)
      .add('Presence-Call-Direction', this.direction)
      .add('Channel-HIT-Dialplan', this.hitDialplan);
    if (this.presenceId) ev.add('Channel-Presence-ID', this.presenceId);
    ev.add('Channel-Call-UUID', this.uuid).add('Answer-State', this.answerState);
    if (this.hangupCause) ev.add('Hangup-Cause', this.hangupCause);
    if (!this.mediaReady) {
      if (this.profileReady) this.addProfileData(ev, withVariables);
      return;
    }
    const read = this.readCodec ?? this.codec;
    ev.add('Channel-Read-Codec-Name', read.name)
      .add('Channel-Read-Codec-Rate', read.rate)
      .add('Channel-Read-Codec-Bit-Rate', read.bitRate)
      .add('Channel-Write-Codec-Name', this.codec.name)
      .add('Channel-Write-Codec-Rate', this.codec.rate)
      .add('Channel-Write-Codec-Bit-Rate', this.codec.bitRate);
    if (this.profileReady) this.addProfileData(ev, withVariables);
  }

  private addProfileData(ev: EslEvent, withVariables: boolean): void {
    addProfile(ev, 'Caller', this.profile);
    if (this.otherLeg) {
      ev.add('Other-Type', this.otherLeg.type);
      addProfile(ev, 'Other-Leg', this.otherLeg.profile ?? this.otherLeg.channel.profile, false);
    }
    if (withVariables) this.addVariables(ev);
  }

  addVariables(ev: EslEvent): void {
    for (const [name, value] of this.vars.entries()) ev.add(`variable_${name}`, value);
  }

  /** The subset of basic data conference member events carry (no variables). */
  addBasicData(ev: EslEvent): void {
    this.addData(ev, false);
  }
}
