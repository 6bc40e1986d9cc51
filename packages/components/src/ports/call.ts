import type { Prompt } from '../shared/prompt.js';
import type { DialTarget } from '../shared/telephony.js';
import type { Abortable } from './common.js';

/** A prompt whose templates are already rendered: what the switch plays. */
export type RenderedPrompt = Prompt;

export interface PlayOptions extends Abortable {
  /** Keys that stop playback; empty or absent: playback cannot be interrupted. */
  bargeInKeys?: string;
  /** Language of library prompts and of `say`; the call's language when absent. */
  language?: string;
}

export interface PlayResult {
  /** The key that interrupted playback, if one did. */
  interruptedBy?: string;
}

export interface CollectDigitsOptions extends Abortable {
  prompt?: RenderedPrompt;
  minDigits: number;
  maxDigits: number;
  terminators: string;
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  /** Keys pressed during the prompt stop it and count as input. */
  bargeIn: boolean;
  /**
   * Secure entry (card data): the digits are neither logged, traced nor put in channel variables,
   * and the result is delivered as a wipeable buffer.
   */
  secure?: boolean;
}

export type CollectDigitsResult =
  | { outcome: 'digits'; digits: string; terminator?: string }
  | { outcome: 'noinput' }
  /** `secure` collection: ASCII digits in a buffer the caller overwrites after use. */
  | { outcome: 'secure-digits'; digits: Uint8Array; terminator?: string };

export interface BridgeRequest extends Abortable {
  targets: readonly DialTarget[];
  strategy: 'sequential' | 'simultaneous';
  ringTimeoutMs: number;
  callerId?: { number?: string; name?: string };
  /** SIP headers for the outgoing legs (merged with those set by setOutgoingSipHeaders). */
  headers: Readonly<Record<string, string>>;
  ringback: 'ring' | 'music' | 'none';
  /** False: the call ends with the conversation (hangup_after_bridge). */
  continueAfterBridge: boolean;
}

export type BridgeResult =
  /** The other party answered; resolved once the conversation is over. */
  | { outcome: 'answered'; answeredBy: string; durationMs: number }
  | { outcome: 'busy' | 'noanswer' | 'failed'; cause: string };

export interface TransferRequest {
  destination: string;
  method: 'dialplan' | 'refer';
  context: string;
  headers: Readonly<Record<string, string>>;
}

export interface RecordRequest extends Abortable {
  prompt?: RenderedPrompt;
  beep: boolean;
  maxLengthMs: number;
  silenceTimeoutMs: number;
  terminators: string;
  format: 'wav' | 'mp3';
}

export type RecordResult = { outcome: 'recorded'; file: string; durationMs: number } | { outcome: 'silence' };

export interface SessionRecordingRequest {
  format: 'wav' | 'mp3';
  stereo: boolean;
}

export interface ParkRequest extends Abortable {
  lot: string;
  firstSlot: number;
  lastSlot: number;
  announce: boolean;
  timeoutMs: number;
  /** What happens at the timeout: ring the party who parked the call, or resolve with `timeout`. */
  onTimeout: 'return' | 'exit';
}

export type ParkResult =
  | { outcome: 'picked'; slot: string }
  | { outcome: 'returned'; slot: string }
  | { outcome: 'timeout'; slot: string }
  /** Every slot of the range is taken. */
  | { outcome: 'full' };

export type PickupResult = { outcome: 'picked'; slot: string } | { outcome: 'empty' };

export interface ConferenceJoinRequest extends Abortable {
  room: string;
  profile: string;
  moderator: boolean;
  muted: boolean;
  deaf: boolean;
  endOnExit: boolean;
  waitForModerator: boolean;
  pin?: string;
}

/**
 * The current call leg. Implemented by the runtime's telephony module over ESL; every method acts on
 * this leg only. Media operations resolve when the media is done (or rejected on abort after stopping it).
 */
export interface CallPort {
  /** The channel's uuid. */
  readonly id: string;
  isAnswered(): boolean;
  answer(): Promise<void>;
  hangup(cause: string): Promise<void>;

  /** Plays every part of the prompt in order: file, tts, say, tone. */
  play(prompt: RenderedPrompt, options: PlayOptions): Promise<PlayResult>;
  collectDigits(options: CollectDigitsOptions): Promise<CollectDigitsResult>;
  sendDtmf(digits: string, toneDurationMs: number): Promise<void>;

  bridge(request: BridgeRequest): Promise<BridgeResult>;
  /** Hands the call over; the leg leaves the run (the engine ends it after this resolves). */
  transfer(request: TransferRequest): Promise<void>;
  park(request: ParkRequest): Promise<ParkResult>;
  /** Bridges this leg to the call parked in the slot. Resolves when that conversation ends. */
  pickup(lot: string, slot: string, options: Abortable): Promise<PickupResult>;
  /** Resolves when this leg leaves the room. */
  joinConference(request: ConferenceJoinRequest): Promise<void>;

  /** Records the caller (a message), not the whole call. */
  record(request: RecordRequest): Promise<RecordResult>;
  /** Whole-call recording; returns the file name in the runtime's file store. */
  startSessionRecording(request: SessionRecordingRequest): Promise<{ file: string }>;
  stopSessionRecording(): Promise<void>;
  /** While masked, the session recording gets silence (record_session_mask); idempotent. */
  maskRecording(): Promise<void>;
  unmaskRecording(): Promise<void>;

  getVariable(name: string): Promise<string | undefined>;
  setVariable(name: string, value: string): Promise<void>;
  /** SIP headers of the incoming INVITE, by header name as received (X- headers included). */
  incomingSipHeaders(): Promise<Readonly<Record<string, string>>>;
  /** Headers sent with the next bridge or transfer of this leg (sip_h_*); later calls add or replace. */
  setOutgoingSipHeaders(headers: Readonly<Record<string, string>>): Promise<void>;
}
