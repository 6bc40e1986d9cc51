/**
 * One call leg controlled over its outbound ESL socket (`socket ... async full`). Every method acts
 * on this leg only; every waiting method stops on its AbortSignal (breaking its own media with
 * uuid_break) and on the leg's hangup, and removes what it registered.
 */
import { join } from 'node:path';
import type {
  BridgeRequest,
  BridgeResult,
  CallPort,
  CollectDigitsOptions,
  CollectDigitsResult,
  ConferenceJoinRequest,
  ParkRequest,
  ParkResult,
  PickupResult,
  PlayOptions,
  PlayResult,
  RecordRequest,
  RecordResult,
  RenderedPrompt,
  SessionRecordingRequest,
  TransferRequest,
} from '@ivr/components';
import { HangupSignal } from '../../engine/errors.js';
import { microsToDate, type CallLifecycleEmitter } from '../call-lifecycle.js';
import type { EslClient } from '../esl/esl-client.js';
import { EslCommandError } from '../esl/esl-errors.js';
import type { EslEvent } from '../esl/esl-event.js';
import { bridgeOutcome } from './bridge-outcome.js';
import { channelInfo, type ChannelInfo } from './channel-info.js';
import { buildDialString, DEFAULT_DIAL_PLAN, seconds, sipHeaderVariable, type DialPlanOptions } from './dial-string.js';
import { DtmfCollector } from './dtmf-collector.js';
import { promptMedia } from './prompt-media.js';

export interface CallPortOptions {
  /** `speak` engine and voice (TTS_ENGINE), e.g. `flite|kal`. */
  ttsEngine: string;
  defaultLanguage: string;
  /** Where FreeSWITCH writes recordings (a path on the switch, shared with the runtime's file store). */
  recordingsDir: string;
  resolvePromptFile?: (name: string, language: string) => string;
  dialPlan?: DialPlanOptions;
  /** Which switch holds the call (its event socket host:port), for lifecycle events. */
  switchId: string;
  lifecycle?: CallLifecycleEmitter;
  /** Marks the channel as this runtime's (channel variable), for the orphan reaper. */
  nodeId?: string;
}

const ALL_KEYS = '0123456789*#ABCD';
/** How long the leg waits for FreeSWITCH to confirm a hangup it asked for. */
const HANGUP_CONFIRM_MS = 5_000;

export class EslCallPort implements CallPort {
  readonly id: string;
  readonly info: ChannelInfo;
  private answered: boolean;
  private hungUpCause: string | undefined;
  /** Aborted on every hangup: stops what this port waits for. */
  private readonly goneController = new AbortController();
  /** Aborted when the other side hangs up (not when the run hangs up itself): the engine's signal. */
  private readonly hangupController = new AbortController();
  private hangupRequested = false;
  private readonly scoped = new Set<(event: EslEvent) => void>();
  private readonly customSubscriptions = new Set<string>();
  private terminators: string | undefined;
  private sessionRecording: string | undefined;
  private recordingCount = 0;
  private bridgeSettingsSent = false;
  /** The leg left our control (transfer, pickup, uuid_bridge): the run must not hang it up. */
  private released = false;
  private expectUuidBridge = false;
  private readonly hangupComplete: Promise<void>;
  private resolveHangupComplete!: () => void;
  private readonly offEvents: () => void;
  private readonly offClose: () => void;
  private finishing: Promise<void> | undefined;
  private resolveFinished!: () => void;
  private endedEmitted = false;
  /** Resolves once finish() has run (the socket is closed). */
  readonly finished: Promise<void>;

  constructor(
    private readonly client: EslClient,
    private readonly channelData: EslEvent,
    private readonly options: CallPortOptions,
  ) {
    this.info = channelInfo(channelData);
    this.id = this.info.uuid;
    this.answered = this.info.answered;
    this.hangupComplete = new Promise((resolve) => (this.resolveHangupComplete = resolve));
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.offEvents = client.onEvent((event) => this.onEvent(event));
    // The socket went away without a hangup event: the switch or the network failed.
    this.offClose = client.onClose(() => {
      this.markHungUp(this.hungUpCause ?? 'NORMAL_TEMPORARY_FAILURE');
      // No CHANNEL_HANGUP_COMPLETE will come: the call still ends (its CDR is completed) - unless
      // it was handed over, and lives on in the dialplan.
      if (!this.released) this.emitEnded(undefined);
      this.resolveHangupComplete();
      void this.finish();
    });
  }

  /**
   * Fires with a HangupSignal when the leg hangs up without the run asking for it (caller hangup,
   * far end, switch). A hangup the run requested ends it normally instead of as a hangup.
   */
  get hangupSignal(): AbortSignal {
    return this.hangupController.signal;
  }

  private get goneSignal(): AbortSignal {
    return this.goneController.signal;
  }

  get isHungUp(): boolean {
    return this.hungUpCause !== undefined;
  }

  get isReleased(): boolean {
    return this.released;
  }

  /** Listeners and timers this leg still holds beyond its own event hook (tests assert zero). */
  get activeWaits(): number {
    return this.scoped.size + this.client.pendingExecutions;
  }

  isAnswered(): boolean {
    return this.answered;
  }

  // --- set-up and tear-down -------------------------------------------------------------------------

  /**
   * Per-call set-up beyond `myevents`. No PLAYBACK/RECORD subscription: every step completes on its
   * CHANNEL_EXECUTE_COMPLETE, and those events would be several KiB of JSON each to parse per prompt.
   */
  async start(): Promise<void> {
    // Marks the channel ours for the orphan reaper.
    if (this.options.nodeId) this.presetVariable('ivr_runtime_node', this.options.nodeId);
  }

  /**
   * The run is over: hang up (unless the leg was handed over), wait for the last events (the linger
   * notice may come before them, so the wait is for CHANNEL_HANGUP_COMPLETE), then `exit`.
   */
  finish(): Promise<void> {
    this.finishing ??= this.doFinish();
    return this.finishing;
  }

  private async doFinish(): Promise<void> {
    try {
      if (!this.isHungUp && !this.released) await this.hangup('NORMAL_CLEARING').catch(() => undefined);
      if (this.released) await this.hangupComplete;
      else await this.hangupCompleteWithin(HANGUP_CONFIRM_MS);
      await this.client.exit();
    } finally {
      this.offEvents();
      this.offClose();
      this.client.abandonExecutions(new HangupSignal(this.hungUpCause ?? 'NORMAL_CLEARING'));
      this.resolveFinished();
    }
  }

  private async hangupCompleteWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.hangupComplete, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** A uuid_bridge of this leg is about to be requested (conference conversion, pickup by another run). */
  markUuidBridgePending(): void {
    this.expectUuidBridge = true;
  }

  // --- answer / hangup ------------------------------------------------------------------------------

  async answer(): Promise<void> {
    if (this.answered) return;
    await this.guarded(undefined, (signal) => this.client.execute(this.id, 'answer', '', { signal }), false);
    this.answered = true;
  }

  async hangup(cause: string): Promise<void> {
    if (this.isHungUp) return;
    this.hangupRequested = true;
    await this.client.hangupChannel(this.id, cause);
    await waitAbort(this.goneSignal, HANGUP_CONFIRM_MS);
  }

  // --- media ----------------------------------------------------------------------------------------

  async play(prompt: RenderedPrompt, options: PlayOptions): Promise<PlayResult> {
    return this.guarded(options.signal, (signal) =>
      this.playPrompt(prompt, options.bargeInKeys ?? '', options.language, signal),
    );
  }

  private async playPrompt(
    prompt: RenderedPrompt,
    keys: string,
    language: string | undefined,
    signal: AbortSignal,
  ): Promise<PlayResult> {
    const steps = promptMedia(prompt, {
      ttsEngine: this.options.ttsEngine,
      language: language ?? this.language(),
      ...(this.options.resolvePromptFile ? { resolveFile: this.options.resolvePromptFile } : {}),
    });
    this.setTerminators(keys);
    let interruptedBy: string | undefined;
    const onEvent = (event: EslEvent) => {
      if (event.name !== 'DTMF' || interruptedBy !== undefined) return;
      const digit = event.header('DTMF-Digit') ?? '';
      if (digit && keys.includes(digit)) interruptedBy = digit;
    };
    this.scoped.add(onEvent);
    try {
      for (const step of steps) {
        await this.client.execute(this.id, step.app, step.arg, { signal });
        if (interruptedBy !== undefined) break;
      }
    } finally {
      this.scoped.delete(onEvent);
    }
    return interruptedBy !== undefined ? { interruptedBy } : {};
  }

  async collectDigits(options: CollectDigitsOptions): Promise<CollectDigitsResult> {
    const collector = new DtmfCollector({
      maxDigits: options.maxDigits,
      terminators: options.terminators,
      bargeIn: options.bargeIn,
      prompting: options.prompt !== undefined,
    });
    const onEvent = (event: EslEvent) => {
      if (event.name === 'DTMF') collector.push(event.header('DTMF-Digit') ?? '');
    };
    this.scoped.add(onEvent);
    try {
      return await this.guarded(options.signal, async (signal) => {
        if (options.prompt) {
          // With barge-in any key stops the prompt (and counts); without it the prompt plays out.
          const keys = options.bargeIn ? ALL_KEYS : '';
          await this.playPrompt(options.prompt, keys, undefined, signal);
        }
        await collector.wait(options.firstDigitTimeoutMs, options.interDigitTimeoutMs, signal);
        return collector.result(options.secure === true);
      });
    } finally {
      this.scoped.delete(onEvent);
      collector.dispose();
    }
  }

  async sendDtmf(digits: string, toneDurationMs: number): Promise<void> {
    const clean = digits.replace(/[^0-9*#A-Dw]/gi, '');
    if (!clean) return;
    await this.guarded(
      undefined,
      (signal) => this.client.execute(this.id, 'send_dtmf', `${clean}@${Math.round(toneDurationMs)}`, { signal }),
      false,
    );
  }

  // --- bridge / transfer ----------------------------------------------------------------------------

  async bridge(request: BridgeRequest): Promise<BridgeResult> {
    return this.guarded(request.signal, async (signal) => {
      this.prepareBridge();
      this.presetVariable('ringback', RINGBACK[request.ringback]);
      const dial = buildDialString(
        {
          targets: request.targets,
          strategy: request.strategy,
          ringTimeoutMs: request.ringTimeoutMs,
          ...(request.callerId ? { callerId: request.callerId } : {}),
          headers: request.headers,
        },
        this.options.dialPlan ?? DEFAULT_DIAL_PLAN,
      );
      let bridgedAt: number | undefined;
      let answeredBy = '';
      const onEvent = (event: EslEvent) => {
        if (event.name !== 'CHANNEL_BRIDGE' || bridgedAt !== undefined) return;
        bridgedAt = Date.now();
        answeredBy =
          event.header('Other-Leg-Caller-ID-Number') ??
          event.header('Other-Leg-Destination-Number') ??
          event.header('Bridge-B-Unique-ID') ??
          '';
      };
      this.scoped.add(onEvent);
      let done: EslEvent;
      try {
        done = await this.client.execute(this.id, 'bridge', dial, { signal });
      } finally {
        this.scoped.delete(onEvent);
      }
      const outcome = bridgeOutcome({
        originate_disposition: done.variable('originate_disposition'),
        DIALSTATUS: done.variable('DIALSTATUS'),
        originate_failed_cause: done.variable('originate_failed_cause'),
        last_bridge_proto_specific_hangup_cause: done.variable('last_bridge_proto_specific_hangup_cause'),
      });
      if (outcome.outcome !== 'answered') return outcome;
      if (!answeredBy) answeredBy = done.variable('last_sent_callee_id_number') ?? done.variable('bridge_uuid') ?? '';
      const durationMs = bridgedAt !== undefined ? Date.now() - bridgedAt : 0;
      if (!request.continueAfterBridge && !this.isHungUp) await this.hangup('NORMAL_CLEARING');
      return { outcome: 'answered', answeredBy, durationMs };
    });
  }

  async transfer(request: TransferRequest): Promise<void> {
    if (Object.keys(request.headers).length) await this.setOutgoingSipHeaders(request.headers);
    await this.guarded(
      undefined,
      async (signal) => {
        if (request.method === 'refer') {
          const uri = /^sips?:/.test(request.destination) ? request.destination : `sip:${request.destination}`;
          await this.client.execute(this.id, 'deflect', uri, { signal });
        } else {
          await this.client.execute(this.id, 'transfer', `${request.destination} XML ${request.context}`, { signal });
        }
      },
      false,
    );
    // The socket application has ended; the dialplan owns the call now (esl INDEX item 25).
    this.released = true;
  }

  // --- parking --------------------------------------------------------------------------------------

  async park(request: ParkRequest): Promise<ParkResult> {
    await this.subscribeCustom('valet_parking::info');
    return this.guarded(request.signal, async (signal) => {
      this.presetVariable('valet_announce_slot', request.announce ? 'true' : 'false');
      this.presetVariable('valet_parking_timeout', String(seconds(request.timeoutMs)));
      let slot: string | undefined;
      let picked = false;
      const onEvent = (event: EslEvent) => {
        if (event.name !== 'CUSTOM' || event.subclass !== 'valet_parking::info') return;
        const action = event.header('Action');
        // Every valet event names the slot: a call picked up while the slot is still being announced
        // gets `bridge` and `exit` but never `hold`.
        slot ??= event.header('Valet-Extension');
        if (action === 'bridge') picked = true;
      };
      this.scoped.add(onEvent);
      try {
        await this.client.execute(
          this.id,
          'valet_park',
          `${request.lot} auto in ${request.firstSlot} ${request.lastSlot}`,
          { signal },
        );
      } finally {
        this.scoped.delete(onEvent);
      }
      if (slot === undefined) return { outcome: 'full' };
      if (picked) {
        // Bridged to whoever picked it up, outside this socket's control.
        this.released = true;
        return { outcome: 'picked', slot };
      }
      if (request.onTimeout === 'return') {
        const parker = await this.parkedBy();
        if (parker) {
          this.prepareBridge();
          await this.client.execute(this.id, 'bridge', `[leg_timeout=${seconds(request.timeoutMs)}]${parker}`, {
            signal,
          });
          return { outcome: 'returned', slot };
        }
      }
      return { outcome: 'timeout', slot };
    });
  }

  /** Who parked the call: set by the scenario (ivr_parked_by) or the transferring phone (Referred-By). */
  private async parkedBy(): Promise<string | undefined> {
    const explicit = await this.getVariable('ivr_parked_by');
    if (explicit) return explicit.includes('/') ? explicit : `user/${explicit}`;
    const referrer = await this.getVariable('referred_by_user');
    return referrer ? `user/${referrer}` : undefined;
  }

  async pickup(lot: string, slot: string, options: { signal: AbortSignal }): Promise<PickupResult> {
    const occupied = await this.client.api(`valet_info ${lot}`);
    if (!new RegExp(`>${escapeRegExp(slot)}</extension>`).test(occupied)) return { outcome: 'empty' };
    return this.guarded(options.signal, async (signal) => {
      // On the retriever valet_park completes at once and the legs are uuid_bridged (INDEX item 26).
      this.expectUuidBridge = true;
      await this.client.execute(this.id, 'valet_park', `${lot} ${slot}`, { signal });
      this.released = true;
      await waitAbort(signal);
      return { outcome: 'picked' as const, slot };
    }).catch((error: unknown) => {
      if (error instanceof HangupSignal) return { outcome: 'picked' as const, slot };
      throw error;
    });
  }

  // --- conference -----------------------------------------------------------------------------------

  async joinConference(request: ConferenceJoinRequest): Promise<void> {
    const flags = [
      request.moderator && 'moderator',
      request.muted && 'mute',
      request.deaf && 'deaf',
      request.endOnExit && 'endconf',
      request.waitForModerator && 'wait-mod',
    ].filter(Boolean);
    const room = `${request.room}@${request.profile}${request.pin ? `+${request.pin}` : ''}${flags.length ? `+flags{${flags.join('|')}}` : ''}`;
    await this.guarded(request.signal, async (signal) => {
      await this.client.execute(this.id, 'conference', room, { signal });
      // Converted to a direct bridge (uuid_bridge): the conversation goes on until a hangup.
      if (this.expectUuidBridge) {
        this.released = true;
        await waitAbort(signal);
      }
    }).catch((error: unknown) => {
      if (error instanceof HangupSignal && this.released) return;
      throw error;
    });
  }

  // --- recording ------------------------------------------------------------------------------------

  async record(request: RecordRequest): Promise<RecordResult> {
    return this.guarded(request.signal, async (signal) => {
      if (request.prompt) await this.playPrompt(request.prompt, '', undefined, signal);
      if (request.beep) await this.client.execute(this.id, 'playback', 'tone_stream://%(500,0,800)', { signal });
      this.setTerminators(request.terminators);
      const file = this.recordingPath(request.format);
      const silenceSeconds = request.silenceTimeoutMs > 0 ? seconds(request.silenceTimeoutMs) : 0;
      const done = await this.client.execute(
        this.id,
        'record',
        `${file} ${seconds(request.maxLengthMs)} 200 ${silenceSeconds}`,
        { signal },
      );
      const ms = Number(done.variable('record_ms') ?? '0');
      if (!(ms > 0)) return { outcome: 'silence' };
      return { outcome: 'recorded', file, durationMs: ms };
    });
  }

  async startSessionRecording(request: SessionRecordingRequest): Promise<{ file: string }> {
    if (this.sessionRecording) return { file: this.sessionRecording };
    const file = this.recordingPath(request.format);
    this.presetVariable('RECORD_STEREO', request.stereo ? 'true' : 'false');
    await this.guarded(undefined, (signal) => this.client.execute(this.id, 'record_session', file, { signal }), false);
    this.sessionRecording = file;
    return { file };
  }

  async stopSessionRecording(): Promise<void> {
    const file = this.sessionRecording;
    if (!file) return;
    this.sessionRecording = undefined;
    await this.guarded(
      undefined,
      (signal) => this.client.execute(this.id, 'stop_record_session', file, { signal }),
      false,
    );
  }

  async maskRecording(): Promise<void> {
    const file = this.sessionRecording;
    if (file)
      await this.guarded(
        undefined,
        (signal) => this.client.execute(this.id, 'record_session_mask', file, { signal }),
        false,
      );
  }

  async unmaskRecording(): Promise<void> {
    const file = this.sessionRecording;
    if (file)
      await this.guarded(
        undefined,
        (signal) => this.client.execute(this.id, 'record_session_unmask', file, { signal }),
        false,
      );
  }

  // --- variables and headers ------------------------------------------------------------------------

  async getVariable(name: string): Promise<string | undefined> {
    assertVariableName(name);
    const value = (await this.client.api(`uuid_getvar ${this.id} ${name}`)).replace(/\n$/, '');
    if (value === '_undef_') return undefined;
    if (value.startsWith('-ERR')) throw new EslCommandError('uuid_getvar', value);
    return value;
  }

  async setVariable(name: string, value: string): Promise<void> {
    assertVariableName(name);
    const reply = await this.client.api(`uuid_setvar ${this.id} ${name} ${value.replace(/[\r\n]+/g, ' ')}`);
    if (!reply.startsWith('+OK')) throw new EslCommandError('uuid_setvar', reply);
  }

  async incomingSipHeaders(): Promise<Readonly<Record<string, string>>> {
    return { ...this.info.headers };
  }

  /** sip_h_* variables on this leg are copied into the INVITE of every bridge (INDEX item 21). */
  async setOutgoingSipHeaders(headers: Readonly<Record<string, string>>): Promise<void> {
    const sets = Object.entries(headers).map(([name, value]) => {
      return this.client.execute(this.id, 'set', `${sipHeaderVariable(name)}=${value.replace(/[\r\n]+/g, ' ')}`);
    });
    await this.guarded(undefined, () => Promise.all(sets), false);
  }

  // --- internals ------------------------------------------------------------------------------------

  private language(): string {
    return this.info.variables.get('default_language') ?? this.options.defaultLanguage;
  }

  private recordingPath(format: 'wav' | 'mp3'): string {
    this.recordingCount += 1;
    return join(this.options.recordingsDir, `${this.id}-${this.recordingCount}.${format}`);
  }

  /**
   * Without continue_on_fail a failed bridge hangs the caller up (esl INDEX item 18); without
   * hangup_after_bridge=false the outcome variables could not be read after the conversation.
   */
  private prepareBridge(): void {
    if (this.bridgeSettingsSent) return;
    this.presetVariable('continue_on_fail', 'true');
    this.presetVariable('hangup_after_bridge', 'false');
    this.bridgeSettingsSent = true;
  }

  /** playback_terminators is set only when it changes (FreeSWITCH's default when unset is `*`). */
  private setTerminators(keys: string): void {
    const value = keys === '' ? 'none' : keys === ALL_KEYS ? 'any' : keys;
    if (this.terminators === value) return;
    this.terminators = value;
    this.presetVariable('playback_terminators', value);
  }

  private async subscribeCustom(subclass: string): Promise<void> {
    if (this.customSubscriptions.has(subclass)) return;
    this.customSubscriptions.add(subclass);
    await this.client.command(`event json CUSTOM ${subclass}`);
  }

  /**
   * Sets a channel variable with uuid_setvar rather than the `set` application, whose CHANNEL_EXECUTE
   * and CHANNEL_EXECUTE_COMPLETE are ~6 KiB of JSON each to parse. FreeSWITCH runs an api on the
   * socket's thread before it reads the sendmsg written after it, so the application that follows
   * already sees the value. Nobody waits for the reply.
   */
  private presetVariable(name: string, value: string): void {
    this.client.api(`uuid_setvar ${this.id} ${name} ${value}`).catch(() => undefined);
  }

  private async breakMedia(): Promise<void> {
    await this.client.api(`uuid_break ${this.id} all`).catch(() => undefined);
  }

  /**
   * Runs one waiting operation under the step's signal and the leg's hangup. On abort the media
   * it started is broken (unless the leg is gone) and the promise rejects with the abort reason.
   */
  private async guarded<T>(
    signal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
    breakOnAbort = true,
  ): Promise<T> {
    if (this.isHungUp) throw this.goneSignal.reason;
    if (signal?.aborted) throw signal.reason;
    const local = new AbortController();
    const onStepAbort = () => local.abort(signal!.reason);
    const onHangup = () => local.abort(this.goneSignal.reason);
    signal?.addEventListener('abort', onStepAbort, { once: true });
    this.goneSignal.addEventListener('abort', onHangup, { once: true });
    try {
      return await work(local.signal);
    } catch (error) {
      if (!local.signal.aborted) throw error;
      if (breakOnAbort && !this.isHungUp) await this.breakMedia();
      throw local.signal.reason;
    } finally {
      signal?.removeEventListener('abort', onStepAbort);
      this.goneSignal.removeEventListener('abort', onHangup);
    }
  }

  private onEvent(event: EslEvent): void {
    if (event.uuid !== undefined && event.uuid !== this.id) return;
    switch (event.name) {
      case 'CHANNEL_ANSWER':
        this.answered = true;
        this.options.lifecycle?.emit({ type: 'answered', callId: this.id, at: new Date() });
        break;
      case 'CHANNEL_BRIDGE': {
        const peerCallId = event.header('Other-Leg-Unique-ID') ?? event.header('Bridge-B-Unique-ID');
        const peerNumber = event.header('Other-Leg-Destination-Number') ?? event.header('Other-Leg-Caller-ID-Number');
        this.options.lifecycle?.emit({
          type: 'bridged',
          callId: this.id,
          ...(peerCallId ? { peerCallId } : {}),
          ...(peerNumber ? { peerNumber } : {}),
          at: new Date(),
        });
        break;
      }
      case 'CHANNEL_UNBRIDGE': {
        const peerCallId = event.header('Other-Leg-Unique-ID') ?? event.header('Bridge-B-Unique-ID');
        this.options.lifecycle?.emit({
          type: 'unbridged',
          callId: this.id,
          ...(peerCallId ? { peerCallId } : {}),
          at: new Date(),
        });
        break;
      }
      case 'CHANNEL_EXECUTE':
        if (event.header('Application') === 'uuid_bridge') this.released = true;
        break;
      case 'CHANNEL_HANGUP':
        this.markHungUp(event.header('Hangup-Cause') ?? 'NORMAL_CLEARING');
        break;
      case 'CHANNEL_HANGUP_COMPLETE':
        this.markHungUp(event.header('Hangup-Cause') ?? 'NORMAL_CLEARING');
        this.emitEnded(event);
        this.resolveHangupComplete();
        break;
      default:
        break;
    }
    for (const listener of [...this.scoped]) listener(event);
  }

  private markHungUp(cause: string): void {
    if (this.hungUpCause !== undefined) return;
    this.hungUpCause = cause;
    const signal = new HangupSignal(cause);
    this.goneController.abort(signal);
    if (!this.hangupRequested) this.hangupController.abort(signal);
    // Applications queued behind the hangup never run and never complete (esl README item 8).
    this.client.abandonExecutions(signal);
  }

  /** Once per call: from CHANNEL_HANGUP_COMPLETE, or (no event) when the socket was lost. */
  private emitEnded(event: EslEvent | undefined): void {
    if (this.endedEmitted) return;
    this.endedEmitted = true;
    const created =
      microsToDate(event?.header('Caller-Channel-Created-Time')) ??
      microsToDate(this.channelData.header('Caller-Channel-Created-Time'));
    const answered = event
      ? microsToDate(event.header('Caller-Channel-Answered-Time'))
      : this.answered
        ? (microsToDate(this.channelData.header('Caller-Channel-Answered-Time')) ?? created)
        : undefined;
    const ended = microsToDate(event?.header('Caller-Channel-Hangup-Time')) ?? new Date();
    this.options.lifecycle?.emit({
      type: 'ended',
      callId: this.id,
      cause: this.hungUpCause ?? 'NORMAL_CLEARING',
      at: ended,
      answered: answered !== undefined,
      durationMs: created ? Math.max(0, ended.getTime() - created.getTime()) : 0,
      talkMs: answered ? Math.max(0, ended.getTime() - answered.getTime()) : 0,
    });
  }
}

const RINGBACK: Record<BridgeRequest['ringback'], string> = {
  ring: '%(2000,4000,440,480)',
  music: 'local_stream://moh',
  none: 'silence_stream://-1',
};

function assertVariableName(name: string): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`"${name}" is not a channel variable name`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Resolves when the signal aborts or after `timeoutMs` (never rejects), and removes its listener and
 * timer either way.
 */
function waitAbort(signal: AbortSignal, timeoutMs?: number): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = timeoutMs !== undefined ? setTimeout(done, timeoutMs) : undefined;
    signal.addEventListener('abort', done, { once: true });
  });
}
