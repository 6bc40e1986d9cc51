/**
 * A call's life on the simulated switch: the channel's state machine, the application loop
 * (dialplan, `socket`, `park`), hangup and its event sequence, as FreeSWITCH orders them.
 */
import { randomUUID } from 'node:crypto';
import { CALL_STATE_NUMBERS, type Channel, Q850, type CallState, type ChannelState } from './channel.js';
import type { EslEvent } from './event.js';
import type { CallHistory } from './history.js';
import type { Switch } from './switch.js';

export type DialplanApp = [app: string, data?: string];

export interface QueuedApp {
  app: string;
  arg: string | undefined;
  appUuid: string;
  loops: number;
  /** Resolves when the application completed (used by the static socket mode). */
  done?: () => void;
}

/** Why the current application loop must stop. */
export type BreakReason =
  | { kind: 'transfer'; exten: string; dialplan: string; context: string }
  | { kind: 'bridge'; peer: Session; role: 'a' | 'b'; fromSocket?: boolean }
  | { kind: 'socket-closed' };

export interface SessionOwner {
  /** Called after the channel hung up, before CHANNEL_HANGUP_COMPLETE is delivered (outbound socket linger logic). */
  onHangup?(session: Session): void;
  onComplete?(session: Session): void;
  /** The hung-up channel's event flow pauses here (FreeSWITCH's listener sends its linger notice in such a gap). */
  onPause?(session: Session): void;
}

export class Session {
  readonly queue: QueuedApp[] = [];
  private wake: (() => void) | undefined;
  /** Aborted when the running application must stop (hangup, transfer, bridge, DTMF handled by the app). */
  private appAbort = new AbortController();
  private readonly dtmfListeners = new Set<(digit: string) => void>();
  breakReason: BreakReason | undefined;
  /** Socket connections attached to this call (outbound mode), told about hangup and completion. */
  readonly owners = new Set<SessionOwner>();
  /** Applications currently running in this session (the socket/park loop and the app inside it). */
  readonly appStack: string[] = [];
  private finished = false;
  private readonly finishedPromise: Promise<void>;
  private resolveFinished!: () => void;
  /** Digits the caller pressed, for variable digits_dialed. */
  digitsDialed = '';
  /** A peer this session is bridged with (bridge app or uuid_bridge). */
  bridgedTo: Session | undefined;
  /** Set on legs created by the bridge app or originate: the leg's scripted behaviour is running. */
  endpointTimers: Array<() => void> = [];
  /** Caller audio model for record's silence detection. */
  callerAudio: 'speech' | 'silence' = 'speech';
  /** Run right after CHANNEL_HANGUP (media bugs such as record_session stop here). */
  readonly hangupHooks: Array<() => void> = [];
  /** Run right before CHANNEL_HANGUP is fired (variables that event already shows). */
  readonly beforeHangupHooks: Array<() => void> = [];

  constructor(
    readonly sw: Switch,
    readonly channel: Channel,
    readonly history: CallHistory,
  ) {
    this.finishedPromise = new Promise((resolve) => (this.resolveFinished = resolve));
    channel.onCallState = (from) =>
      this.fire('CHANNEL_CALLSTATE', undefined, (ev) =>
        ev
          .add('Original-Channel-Call-State', from)
          .add('Channel-Call-State-Number', CALL_STATE_NUMBERS[channel.callState]),
      );
  }

  get uuid(): string {
    return this.channel.uuid;
  }

  get vars() {
    return this.channel.vars;
  }

  get signal(): AbortSignal {
    return this.appAbort.signal;
  }

  get done(): Promise<void> {
    return this.finishedPromise;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  fire(name: string, extra?: (ev: EslEvent) => void, before?: (ev: EslEvent) => void): EslEvent {
    const ev = this.sw.events.create(name);
    before?.(ev);
    this.channel.addData(ev);
    extra?.(ev);
    this.sw.fire(ev);
    return ev;
  }

  fireCustom(subclass: string, before: (ev: EslEvent) => void, withData = true): EslEvent {
    const ev = this.sw.events.create('CUSTOM', subclass);
    before(ev);
    if (withData) this.channel.addData(ev);
    this.sw.fire(ev);
    return ev;
  }

  /** The channel gets its codecs: two CODEC events (read, then write), as the media layer fires them. */
  fireCodecs(): void {
    const ch = this.channel;
    ch.mediaReady = true;
    const c = ch.codec;
    this.fire('CODEC', (ev) =>
      ev
        .add('channel-read-codec-name', c.name)
        .add('channel-read-codec-rate', c.rate)
        .add('channel-read-codec-bit-rate', c.bitRate),
    );
    this.fire('CODEC', (ev) =>
      ev
        .add('Channel-Write-Codec-Name', c.name)
        .add('Channel-Write-Codec-Rate', c.rate)
        .add('Channel-Write-codec-bit-rate', c.bitRate),
    );
  }

  /** Run (once) when the channel is answered, before its CHANNEL_ANSWER (a loopback's other leg answers first). */
  readonly answerHooks: Array<() => void> = [];

  /** Run (once) right before media starts playing (PLAYBACK_START): a far end's media set-up shows there. */
  readonly mediaStartHooks: Array<() => void> = [];

  setState(state: ChannelState, callState?: CallState): void {
    this.channel.state = state;
    if (callState) this.channel.callState = callState;
    this.fire('CHANNEL_STATE');
  }

  // --- DTMF ---------------------------------------------------------------------------------------

  /** The caller pressed a key: a DTMF event, then whoever listens (playback terminators, digit collection). */
  receiveDtmf(digit: string, durationMs = 280): void {
    if (this.channel.isHungUp) return;
    this.digitsDialed += digit;
    this.fire('DTMF', (ev) =>
      ev
        .add('DTMF-Digit', digit)
        .add('DTMF-Duration', Math.round(durationMs * 8))
        .add('DTMF-Source', 'RTP'),
    );
    this.history.add({ type: 'dtmf', digit });
    for (const listener of [...this.dtmfListeners]) listener(digit);
  }

  onDtmf(listener: (digit: string) => void): () => void {
    this.dtmfListeners.add(listener);
    return () => this.dtmfListeners.delete(listener);
  }

  // --- answer / hangup ----------------------------------------------------------------------------

  markAnswered(): void {
    const ch = this.channel;
    if (ch.isAnswered || ch.isHungUp) return;
    for (const hook of this.answerHooks.splice(0)) hook();
    if (!ch.mediaReady) this.fireCodecs();
    const now = this.sw.now();
    ch.profile.times.answered = now;
    if (!ch.profile.times.progress && ch.direction === 'outbound') ch.profile.times.progress = now;
    ch.answerState = 'answered';
    this.sw.media.onAnswer(this);
    this.fire('CHANNEL_ANSWER');
    ch.callState = 'ACTIVE';
    if (this.vars.get('endpoint_disposition') === 'RECEIVED') this.vars.set('endpoint_disposition', 'ANSWER');
    this.history.add({ type: 'answer' });
  }

  /**
   * Hangs the channel up: CHANNEL_HANGUP at once, then the running application is stopped; the
   * remaining events (UNPARK, EXECUTE_COMPLETE, STATE, HANGUP_COMPLETE) come from the loop ending.
   */
  hangup(cause = 'NORMAL_CLEARING'): void {
    const ch = this.channel;
    if (ch.isHungUp) return;
    ch.hangupCause = cause in Q850 ? cause : 'NORMAL_CLEARING';
    ch.answerState = 'hangup';
    ch.profile.times.hangup = this.sw.now();
    for (const cancel of this.endpointTimers) cancel();
    this.endpointTimers = [];
    this.history.add({ type: 'hangup', cause: ch.hangupCause });
    // The caller's ACK to our 200 OK has long arrived by now (its dialog variables, if no application ran since).
    if (ch.isAnswered) this.sw.media.onAck(this);
    for (const hook of this.beforeHangupHooks.splice(0)) hook();
    this.fire('CHANNEL_HANGUP');
    for (const hook of this.hangupHooks.splice(0)) hook();
    for (const owner of [...this.owners]) owner.onHangup?.(this);
    this.appAbort.abort();
    this.wake?.();
    if (!this.running) void this.finish();
  }

  // --- application loop ---------------------------------------------------------------------------

  private running = false;

  /** Runs the call: its dialplan extension, then transfers and bridges, until hangup. */
  async run(apps: DialplanApp[]): Promise<void> {
    this.running = true;
    try {
      let program = apps;
      for (;;) {
        for (const [app, data] of program) {
          if (this.channel.isHungUp || this.breakReason) break;
          await this.execute(app, data, randomUUID());
        }
        if (this.channel.isHungUp) break;
        const reason = this.breakReason;
        this.breakReason = undefined;
        if (reason?.kind === 'transfer') {
          program = this.sw.routeTransfer(this, reason.exten, reason.dialplan, reason.context);
          continue;
        }
        if (reason?.kind === 'bridge') {
          await this.sw.runUuidBridge(this, reason.peer, reason.role, reason.fromSocket);
          break;
        }
        // The extension ran out of applications: FreeSWITCH hangs the call up.
        this.hangup('NORMAL_CLEARING');
        break;
      }
    } catch (error) {
      this.sw.log('ERR', `session ${this.uuid}: ${String(error)}`);
      this.hangup('NORMAL_TEMPORARY_FAILURE');
    }
    this.running = false;
    await this.finish();
  }

  /** Executes one application with CHANNEL_EXECUTE / CHANNEL_EXECUTE_COMPLETE around it. */
  async execute(
    app: string,
    data: string | undefined,
    appUuid: string,
    loop?: { current: number; total: number },
  ): Promise<string> {
    const impl = this.sw.applications.get(app);
    if (!impl) {
      // No CHANNEL_EXECUTE at all: FreeSWITCH hangs the channel up (the queued command's uuid and
      // loop counters are already on the channel).
      if (loop) {
        this.vars.set('app_uuid', appUuid);
        this.vars.set('current_loop', loop.current);
        this.vars.set('total_loops', loop.total);
      }
      this.sw.log('ERR', `Invalid Application ${app}`);
      this.hangup('DESTINATION_OUT_OF_ORDER');
      return '';
    }
    const vars = this.vars;
    if (this.channel.isAnswered) this.sw.media.onAck(this);
    if (loop) {
      vars.set('current_loop', loop.current);
      vars.set('total_loops', loop.total);
    }
    if (loop) {
      // sendmsg execute: FreeSWITCH sets the application name, then its data.
      vars.set('current_application', app);
      vars.set('current_application_data', data || undefined);
    } else {
      vars.set('current_application_data', data || undefined);
      vars.set('current_application', app);
    }
    vars.delete('current_application_response');
    if (this.appStack.length === 0 || app !== 'socket') this.history.add({ type: 'execute', app, data: data ?? '' });
    const addApp = (ev: EslEvent) => {
      ev.add('Application', app);
      if (data) ev.add('Application-Data', data);
    };
    this.fire('CHANNEL_EXECUTE', (ev) => {
      addApp(ev);
      ev.add('Application-UUID', appUuid);
    });
    if (this.appAbort.signal.aborted && !this.channel.isHungUp) this.appAbort = new AbortController();
    this.appStack.push(app);
    try {
      await impl(this, data ?? '', { appUuid, signal: this.appAbort.signal });
    } finally {
      this.appStack.pop();
    }
    if (app !== 'socket') {
      vars.set('last_app', undefined);
      this.lastApp = [app, data ?? ''];
    }
    const response = vars.get('current_application_response') ?? '_none_';
    this.fire('CHANNEL_EXECUTE_COMPLETE', (ev) => {
      addApp(ev);
      ev.add('Application-Response', response);
      ev.add('Application-UUID', appUuid);
    });
    if (!this.channel.isHungUp && this.appAbort.signal.aborted) this.appAbort = new AbortController();
    return response;
  }

  lastApp: [string, string] | undefined;

  /** Records a transfer (or uuid_bridge) in transfer_source / transfer_history, as switch_channel does. */
  addTransferSource(source: string): void {
    const history = this.vars.get('transfer_history');
    const list = history === undefined ? [] : history.startsWith('ARRAY::') ? history.slice(7).split('|:') : [history];
    list.push(source);
    this.vars.set('transfer_history', list.length === 1 ? source : `ARRAY::${list.join('|:')}`);
    this.vars.set('transfer_source', source);
  }

  /** A gap in the events of a hung-up channel (see SessionOwner.onPause). */
  pause(): void {
    for (const owner of [...this.owners]) owner.onPause?.(this);
  }

  /** Requests the current application loop (socket / park / conference / valet) to stop. */
  requestBreak(reason: BreakReason): void {
    this.breakReason = reason;
    if (reason.kind === 'transfer') {
      // A transfer makes a new caller profile at once (events until the state change show it).
      const p = this.channel.profile;
      const now = this.sw.now();
      const source = `${Math.floor(now / 1e6)}:${randomUUID()}:bl_xfer:${reason.exten}/${reason.context}/${reason.dialplan}`;
      this.channel.profile = {
        ...p,
        times: { ...p.times, transfer: now },
        profileIndex: String(Number(p.profileIndex ?? '1') + 1),
        transferSource: source,
        rdnis: p.destinationNumber,
        destinationNumber: reason.exten,
        ...(reason.dialplan === 'inline' ? { dialplan: 'inline' } : {}),
      };
      this.addTransferSource(source);
      this.channel.pendingStateNumber = 2;
    }
    this.appAbort.abort();
    this.wake?.();
  }

  /**
   * The parked loop of `socket` (async mode) and `park`: runs applications queued by sendmsg
   * until hangup, a transfer, a bridge or (socket) the connection closing.
   */
  async parkLoop(signal: AbortSignal): Promise<void> {
    this.fire('CHANNEL_PARK');
    await this.serveQueue(signal);
    this.fire('CHANNEL_UNPARK');
  }

  async serveQueue(signal: AbortSignal): Promise<void> {
    while (!this.channel.isHungUp && !this.breakReason) {
      const next = this.queue.shift();
      if (!next) {
        if (signal.aborted && !this.breakReason) break;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      await this.runQueued(next);
    }
  }

  async runQueued(next: QueuedApp): Promise<void> {
    for (let i = 1; i <= next.loops; i++) {
      if (this.channel.isHungUp || this.breakReason) break;
      await this.execute(next.app, next.arg, next.appUuid, { current: i, total: next.loops });
    }
    // The loop counters live as long as the queued application (they are still on its EXECUTE_COMPLETE).
    this.vars.delete('current_loop');
    this.vars.delete('total_loops');
    next.done?.();
  }

  enqueue(item: QueuedApp): void {
    if (this.channel.isHungUp) {
      item.done?.();
      return;
    }
    this.queue.push(item);
    this.wake?.();
  }

  // --- uuid_break -----------------------------------------------------------------------------------

  private readonly mediaBreakListeners = new Set<(all: boolean) => void>();

  /** Media that uuid_break can stop (playback, speak, say, record, sleep, echo) listens here while it runs. */
  onMediaBreak(listener: (all: boolean) => void): () => void {
    this.mediaBreakListeners.add(listener);
    return () => this.mediaBreakListeners.delete(listener);
  }

  /**
   * uuid_break: stops the media the channel is playing, and nothing else. The application playing it
   * completes normally (playback still answers FILE PLAYED, PLAYBACK_STOP shows `break`) and the
   * channel stays up and controllable: the socket or park loop goes on with what comes next. Without
   * `all` only the current file of a list stops; with `all` the whole list does, and the commands
   * queued behind it (sendmsg executes not started yet) are dropped. A break with no media playing
   * is forgotten: FreeSWITCH clears a stale CF_BREAK before it runs the next command.
   */
  breakMedia(all = false): void {
    if (this.channel.isHungUp) return;
    if (all) for (const item of this.queue.splice(0)) item.done?.();
    for (const listener of [...this.mediaBreakListeners]) listener(all);
  }

  /** Stops only the media playing now (uuid_break); kept for callers of the old name. */
  breakCurrent(): void {
    this.breakMedia(false);
  }

  /** Ends the call: state changes, CHANNEL_HANGUP_COMPLETE, CHANNEL_DESTROY. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const ch = this.channel;
    ch.state = 'CS_HANGUP';
    this.fire('CHANNEL_STATE');
    ch.callState = 'HANGUP';
    ch.state = 'CS_REPORTING';
    this.fire('CHANNEL_STATE');
    this.sw.media.onHangupComplete(this);
    this.fire('CHANNEL_HANGUP_COMPLETE', undefined, (ev) => ev.add('Hangup-Cause', ch.hangupCause));
    for (const owner of [...this.owners]) owner.onComplete?.(this);
    ch.pendingStateNumber = 12;
    this.fire('CHANNEL_DESTROY');
    ch.pendingStateNumber = undefined;
    ch.state = 'CS_DESTROY';
    this.fire('CHANNEL_STATE');
    this.sw.removeSession(this);
    this.resolveFinished();
  }
}
