/**
 * The simulated switch: channels and their sessions, the event bus, the dialplan, scripted
 * endpoints, originate, bridges, conferences and valet parking lots.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Channel, newTimes, type CallerProfile } from './channel.js';
import { type EslEvent, EventFactory, type SwitchIdentity } from './event.js';
import { CallHistory, type CallActivityEntry } from './history.js';
import { Session, type DialplanApp } from './session.js';
import {
  answeredSipVariables,
  inboundSipVariables,
  MediaVariables,
  outgoingSipTarget,
  outgoingSipVariables,
} from './sipvars.js';
import { Clock } from './timing.js';
import type { Application } from './apps.js';

/** How a scripted endpoint answers a call placed to it (bridge, originate). */
export interface EndpointBehaviour {
  /** answer: picks up; busy: 486; noanswer: rings until the caller gives up; decline: 603; unreachable: 503 at once; fail: the given cause. */
  outcome: 'answer' | 'busy' | 'noanswer' | 'decline' | 'unreachable' | 'fail';
  /** Seconds of ringing before the outcome (default 0 for answer/busy/decline, never for noanswer). */
  afterSeconds?: number;
  /** After answering, hang up after this many seconds (default: stay until the other side hangs up). */
  hangupAfterSeconds?: number;
  /** After answering, press these keys (one every 300 ms), e.g. an agent confirming with 1. */
  pressDigits?: string;
  /** For `fail`: the hangup cause (default NORMAL_TEMPORARY_FAILURE). */
  cause?: string;
}

export interface EndpointDefinition extends EndpointBehaviour {
  /** Matches the dial string (without {vars}), its user part (`uas` in sofia/external/uas@host), or a number. */
  match: string | RegExp;
}

export interface SwitchOptions {
  identity?: Partial<SwitchIdentity>;
  /** Scales every simulated duration: 1 = real time, 0.01 = a hundred times faster. */
  timeScale?: number;
  /** Where `socket` sends calls by default (the dialplan's `socket host:port async full`). */
  outboundTarget?: { host: string; port: number };
  /** Extra dialplan extensions (destination number -> applications). Digits-only numbers default to the outbound socket. */
  extensions?: Record<string, DialplanApp[]>;
  /** Known prompt durations in ms by file path (used when the file does not exist on disk). */
  prompts?: Record<string, number>;
  /** A missing prompt file gives FILE NOT FOUND (true) or plays for `defaultPromptMs` (false, default). */
  strictFiles?: boolean;
  defaultPromptMs?: number;
  endpoints?: EndpointDefinition[];
  /** The behaviour of a dial string no endpoint definition matches (default: answer, stay up). */
  defaultEndpoint?: EndpointBehaviour;
  /** Seconds between HEARTBEAT events (default 20; 0 disables). */
  heartbeatSeconds?: number;
  maxSessions?: number;
  valetLots?: string[];
  /** Where `record` / `record_session` put relative paths (default: the working directory). */
  recordingsDir?: string;
  /** Extra or overriding global variables (`global_getvar`), e.g. { domain: 'pbx.example.com' }. */
  globals?: Record<string, string>;
}

export interface Conference {
  name: string;
  uuid: string;
  members: Array<{ id: number; session: Session; floor: boolean; leave: () => void }>;
}

export interface ValetSlot {
  session: Session;
  pickup: (retriever: Session) => void;
}

const DEFAULT_EXTENSIONS: Record<string, DialplanApp[]> = {
  '9996': [['answer'], ['park']],
  '9997': [['answer'], ['playback', '/usr/freeswitch/share/prompts/welcome.wav'], ['hangup']],
  // Vanilla FreeSWITCH's hold music extension.
  '9999': [['answer'], ['playback', 'local_stream://moh']],
};

export class Switch {
  readonly events: EventFactory;
  readonly clock: Clock;
  readonly media = new MediaVariables();
  readonly sessions = new Map<string, Session>();
  readonly applications = new Map<string, Application>();
  readonly conferences = new Map<string, Conference>();
  readonly valetLots = new Map<string, Map<string, ValetSlot>>();
  readonly histories = new Map<string, CallHistory>();
  /** Every ESL connection listens here (its `log` subscription): as many listeners as connections. */
  readonly bus = new EventEmitter().setMaxListeners(0);
  endpoints: EndpointDefinition[];
  readonly startedAt = Date.now();
  sessionsSinceStartup = 0;
  peakSessions = 0;
  memberIds = 0;
  private sessionIdCounter = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(ev: EslEvent) => void>();
  /** Opens the `socket` application's connection; installed by the emulator (see emulator.ts). */
  connectSocket:
    | ((session: Session, host: string, port: number, mode: { async: boolean; full: boolean }) => Promise<boolean>)
    | undefined;

  constructor(readonly options: SwitchOptions = {}) {
    this.events = new EventFactory({
      coreUuid: options.identity?.coreUuid ?? randomUUID(),
      hostname: options.identity?.hostname ?? 'emulator',
      ipv4: options.identity?.ipv4 ?? '127.0.0.1',
      ipv6: options.identity?.ipv6 ?? '::1',
    });
    this.clock = new Clock(options.timeScale ?? 1);
    this.endpoints = [...(options.endpoints ?? [])];
    for (const lot of options.valetLots ?? ['my_lot']) this.valetLots.set(lot, new Map());
    const hb = options.heartbeatSeconds ?? 20;
    if (hb > 0) {
      this.heartbeat = setInterval(() => this.fireHeartbeat(), hb * 1000);
      this.heartbeat.unref();
    }
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  /**
   * The switch's global variables (`global_getvar`): the ones the core sets at startup (core_uuid,
   * hostname, local_ip_v4/v6, the directories) and vars.xml's usual ones (domain...), each matching
   * what the switch's events show (Core-UUID, FreeSWITCH-Hostname, FreeSWITCH-IPv4...).
   */
  globalVariables(): Map<string, string> {
    const id = this.events.identity;
    const base = '/usr/freeswitch';
    const vars = new Map<string, string>([
      ['hostname', id.hostname],
      ['local_ip_v4', id.ipv4],
      ['local_mask_v4', id.ipv4.startsWith('127.') ? '255.0.0.0' : '255.255.255.0'],
      ['local_ip_v6', id.ipv6],
      ['switch_serial', id.coreUuid.replace(/-/g, '').slice(0, 8)],
      ['base_dir', base],
      ['recordings_dir', this.options.recordingsDir ?? process.cwd()],
      ['sound_prefix', `${base}/share/freeswitch/sounds/en/us/callie`],
      ['sounds_dir', `${base}/share/freeswitch/sounds`],
      ['conf_dir', `${base}/etc/freeswitch`],
      ['log_dir', `${base}/var/log/freeswitch`],
      ['run_dir', `${base}/var/run/freeswitch`],
      ['temp_dir', '/tmp'],
      ['core_uuid', id.coreUuid],
      // vars.xml as the captures' switch had it (`global_getvar domain` gave 127.0.0.1).
      ['domain', '127.0.0.1'],
      ['domain_name', '127.0.0.1'],
      ['hold_music', 'local_stream://moh'],
      ['default_password', '1234'],
      ['external_sip_port', '5080'],
      ['internal_sip_port', '5060'],
    ]);
    for (const [name, value] of Object.entries(this.options.globals ?? {})) vars.set(name, value);
    return vars;
  }

  get maxSessions(): number {
    return this.options.maxSessions ?? 1000;
  }

  now(): number {
    return Math.floor((performance.timeOrigin + performance.now()) * 1000);
  }

  // --- events -------------------------------------------------------------------------------------

  onEvent(listener: (ev: EslEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(ev: EslEvent): void {
    for (const listener of this.listeners) listener(ev);
  }

  log(
    level: 'ERR' | 'WARNING' | 'NOTICE' | 'INFO' | 'DEBUG',
    text: string,
    file = 'switch_core.c',
    func = 'emulator',
    line = 1,
  ): void {
    this.bus.emit('log', { level, text, file, func, line });
  }

  fireHeartbeat(): void {
    const ev = this.events.create('HEARTBEAT');
    const up = Date.now() - this.startedAt;
    ev.add('Event-Info', 'System Ready')
      .add('Up-Time', uptimeText(up, false))
      .add('FreeSWITCH-Version', '1.11.3-dev~64bit')
      .add('Uptime-msec', up)
      .add('Session-Count', this.sessions.size)
      .add('Max-Sessions', this.maxSessions)
      .add('Session-Per-Sec', 100)
      .add('Session-Per-Sec-Last', 0)
      .add('Session-Per-Sec-Max', 0)
      .add('Session-Per-Sec-FiveMin', 0)
      .add('Session-Since-Startup', this.sessionsSinceStartup)
      .add('Session-Peak-Max', this.peakSessions)
      .add('Session-Peak-FiveMin', this.peakSessions)
      .add('Idle-CPU', '99.000000');
    this.fire(ev);
  }

  // --- sessions -----------------------------------------------------------------------------------

  private newSession(uuid: string, name: string, direction: 'inbound' | 'outbound', profile: CallerProfile): Session {
    const channel = new Channel(uuid, name, direction, profile);
    const history = new CallHistory(uuid, (entry: CallActivityEntry) => this.bus.emit('activity', entry));
    this.histories.set(uuid, history);
    const session = new Session(this, channel, history);
    this.sessions.set(uuid, session);
    this.sessionsSinceStartup++;
    this.peakSessions = Math.max(this.peakSessions, this.sessions.size);
    return session;
  }

  removeSession(session: Session): void {
    this.sessions.delete(session.uuid);
    this.bus.emit('ended', session);
  }

  /**
   * A call from a simulated SIP phone into the switch: mod_sofia's variables, CHANNEL_CREATE,
   * routing, then the dialplan extension for `to` (by default `socket <outbound> async full`).
   */
  placeInboundCall(call: {
    from?: string;
    fromName?: string;
    to: string;
    headers?: Record<string, string>;
    uuid?: string;
  }): Session {
    const uuid = call.uuid ?? randomUUID();
    const from = call.from ?? 'sipp';
    const fromName = call.fromName ?? from;
    const sipPort = 5070;
    const name = `sofia/external/${from}@127.0.0.1:${sipPort}`;
    const now = this.now();
    const profile: CallerProfile = {
      direction: 'inbound',
      logicalDirection: 'inbound',
      username: from,
      dialplan: 'XML',
      callerIdName: fromName,
      callerIdNumber: from,
      origCallerIdName: fromName,
      origCallerIdNumber: from,
      networkAddr: '127.0.0.1',
      ani: from,
      destinationNumber: call.to,
      uniqueId: uuid,
      source: 'mod_sofia',
      context: 'public',
      channelName: name,
      profileIndex: '1',
      times: newTimes(now),
    };
    const session = this.newSession(uuid, name, 'inbound', profile);
    const sessionId = ++this.sessionIdCounter;
    inboundSipVariables(session, {
      uuid,
      sessionId,
      from,
      fromDisplay: fromName,
      to: call.to,
      sipPort,
      callId: `${sessionId}-${process.pid}@127.0.0.1`,
      headers: call.headers ?? {},
      subject: 'ESL emulator call',
    });
    session.history.add({ type: 'created', direction: 'inbound', from, to: call.to, channelName: name });
    const apps = this.startInboundLeg(session, call.to, 'public');
    void session.run(apps);
    return session;
  }

  /**
   * A SIP call arriving at mod_sofia: CS_NEW (no profile, no codecs yet), the CODEC events, CS_INIT,
   * CHANNEL_CREATE, ringing, routing; returns the extension's applications (the channel is in CS_EXECUTE).
   */
  private startInboundLeg(session: Session, destination: string, context: string): DialplanApp[] {
    const ch = session.channel;
    ch.state = 'CS_NEW';
    ch.mediaReady = false;
    ch.profileReady = false;
    session.fire('CHANNEL_STATE');
    ch.profileReady = true;
    session.fireCodecs();
    ch.state = 'CS_INIT';
    session.fire('CHANNEL_STATE');
    ch.pendingStateNumber = 2;
    session.fire('CHANNEL_CREATE');
    ch.pendingStateNumber = undefined;
    ch.state = 'CS_ROUTING';
    ch.callState = 'RINGING';
    session.fire('CHANNEL_STATE');
    const apps = this.route(destination, context);
    ch.state = 'CS_EXECUTE';
    session.fire('CHANNEL_STATE');
    return apps;
  }

  /** An outgoing leg (originate, bridge): CHANNEL_OUTGOING, CS_INIT, CREATE, ORIGINATE, routing, waiting for media. */
  private startOutgoingLeg(leg: Session, negotiatesMedia: boolean): void {
    const ch = leg.channel;
    ch.mediaReady = !negotiatesMedia;
    ch.hitDialplan = false;
    ch.state = 'CS_INIT';
    ch.stateLabel = 'CS_NONE';
    leg.fire('CHANNEL_OUTGOING');
    ch.stateLabel = undefined;
    leg.fire('CHANNEL_STATE');
    ch.pendingStateNumber = 2;
    leg.fire('CHANNEL_CREATE');
    leg.fire('CHANNEL_ORIGINATE');
    ch.pendingStateNumber = undefined;
    ch.state = 'CS_ROUTING';
    leg.fire('CHANNEL_STATE');
    ch.state = 'CS_CONSUME_MEDIA';
    leg.fire('CHANNEL_STATE');
  }

  /**
   * sofia/external/<exten>@127.0.0.1:5080: the switch calls its own SIP profile. The call comes back
   * in as an inbound leg that runs <exten> in context public; the outgoing leg answers when it does.
   */
  private async dialSelf(a: Session, exten: string): Promise<{ session: Session } | { cause: string }> {
    const pcmu = { name: 'PCMU', rate: 8000, bitRate: 64000 };
    a.channel.codec = pcmu;
    const p = a.channel.profile;
    const cid = p.callerIdNumber ?? '0000000000';
    const cidName = p.callerIdName ?? cid;
    const bUuid = randomUUID();
    const name = `sofia/external/${cid}@127.0.0.1`;
    const b = this.newSession(bUuid, name, 'inbound', {
      direction: 'inbound',
      logicalDirection: 'inbound',
      username: cid,
      dialplan: 'XML',
      callerIdName: cidName,
      callerIdNumber: cid,
      origCallerIdName: cidName,
      origCallerIdNumber: cid,
      networkAddr: '127.0.0.1',
      ani: cid,
      destinationNumber: exten,
      uniqueId: bUuid,
      source: 'mod_sofia',
      context: 'public',
      channelName: name,
      profileIndex: '1',
      times: newTimes(this.now()),
    });
    b.channel.codec = pcmu;
    const sessionId = ++this.sessionIdCounter;
    inboundSipVariables(b, {
      uuid: bUuid,
      sessionId,
      from: cid,
      fromDisplay: cidName,
      to: exten,
      sipPort: 5080,
      callId: `${bUuid}`,
      headers: {},
    });
    b.history.add({ type: 'created', direction: 'inbound', from: cid, to: exten, channelName: name });
    // The far end's 200 OK: the outgoing leg learns who answered and sets its media up as the
    // incoming leg starts playing; it is answered right after.
    const ready = () => {
      if (a.channel.mediaReady) return;
      a.channel.profile.calleeIdName = exten;
      a.channel.profile.calleeIdNumber = exten;
      a.channel.profile.networkAddr = '127.0.0.1';
      a.fireCodecs();
    };
    b.mediaStartHooks.push(ready);
    const answered = new Promise<boolean>((resolve) => {
      const off = this.onEvent((ev) => {
        if (ev.uniqueId !== bUuid) return;
        if (ev.name === 'CHANNEL_ANSWER') {
          off();
          setImmediate(() => {
            ready();
            resolve(!a.channel.isHungUp);
          });
        } else if (ev.name === 'CHANNEL_HANGUP') {
          off();
          resolve(false);
        }
      });
    });
    void b.done.then(() => {
      if (a.channel.isHungUp) return;
      a.vars.set('sip_hangup_disposition', 'recv_bye');
      a.hangup('NORMAL_CLEARING');
    });
    void a.done.then(() => b.hangup(a.channel.hangupCause));
    const apps = this.startInboundLeg(b, exten, 'public');
    void b.run(apps);
    if (!(await answered)) {
      const cause = b.channel.hangupCause ?? 'NORMAL_CLEARING';
      a.vars.set('sip_hangup_disposition', 'recv_refuse');
      a.hangup(cause);
      return { cause };
    }
    a.markAnswered();
    return { session: a };
  }

  /** The dialplan: configured extensions, then digits-only numbers to the outbound socket. */
  route(destination: string, _context: string): DialplanApp[] {
    const ext = this.options.extensions?.[destination] ?? DEFAULT_EXTENSIONS[destination];
    if (ext) return ext;
    if (destination === 'park') return [['park']];
    const target = this.options.outboundTarget;
    if (/^\d+$/.test(destination) && target) return [['socket', `${target.host}:${target.port} async full`]];
    return [['hangup', 'NO_ROUTE_DESTINATION']];
  }

  /** After `transfer`/`uuid_transfer`: the new extension's applications, with the state changes FreeSWITCH shows. */
  routeTransfer(session: Session, exten: string, dialplan: string, context: string): DialplanApp[] {
    const ch = session.channel;
    const previous = ch.callState;
    ch.profile.times.transfer = this.now();
    if (dialplan === 'inline') {
      ch.pendingStateNumber = undefined;
      ch.state = 'CS_ROUTING';
      ch.callState = 'RINGING';
      session.fire('CHANNEL_STATE');
      // The inline dialplan gives the profile its destination back.
      ch.profile = {
        ...ch.profile,
        destinationNumber: ch.profile.rdnis ?? ch.profile.destinationNumber,
        rdnis: undefined,
      };
      ch.state = 'CS_EXECUTE';
      ch.callState = previous;
      session.fire('CHANNEL_STATE');
      return exten.split(',').map((part) => {
        const [app, ...rest] = part.trim().split(/[: ]/);
        return [app!, rest.join(' ') || undefined] as DialplanApp;
      });
    }
    ch.profile.destinationNumber = exten;
    ch.profile.context = context || ch.profile.context;
    ch.pendingStateNumber = undefined;
    ch.state = 'CS_ROUTING';
    ch.callState = 'RINGING';
    session.fire('CHANNEL_STATE');
    const apps = this.route(exten, context);
    ch.state = 'CS_EXECUTE';
    ch.callState = previous;
    session.fire('CHANNEL_STATE');
    return apps;
  }

  // --- endpoints and outgoing legs -----------------------------------------------------------------

  defineEndpoint(def: EndpointDefinition): void {
    this.endpoints = this.endpoints.filter((e) => String(e.match) !== String(def.match));
    this.endpoints.unshift(def);
  }

  /** The endpoint definition that matches a dial string, if one does. */
  explicitEndpointFor(dial: string): EndpointDefinition | undefined {
    const user = /^[^/]+\/[^/]+\/([^@]+)@/.exec(dial)?.[1] ?? /\/([^/@]+)$/.exec(dial)?.[1];
    return this.endpoints.find((def) =>
      typeof def.match === 'string' ? def.match === dial || def.match === user : def.match.test(dial),
    );
  }

  endpointFor(dial: string): EndpointBehaviour {
    const user = /^[^/]+\/[^/]+\/([^@]+)@/.exec(dial)?.[1] ?? /\/([^/@]+)$/.exec(dial)?.[1];
    for (const def of this.endpoints) {
      if (typeof def.match === 'string' ? def.match === dial || def.match === user : def.match.test(dial)) return def;
    }
    return this.options.defaultEndpoint ?? { outcome: 'answer' };
  }

  /**
   * Places an outgoing leg to a dial string and waits for its outcome, as switch_ivr_originate does.
   * Resolves with the answered session, or the failure cause (and SIP code) when it never answered.
   */
  async dial(
    dialString: string,
    opts: { vars: Record<string, string>; caller?: Session; timeoutSec?: number; signal?: AbortSignal },
  ): Promise<{ session: Session } | { cause: string; sip?: number; phrase?: string; leg?: string }> {
    const dial = dialString.trim();
    const m = /^(sofia|user|loopback|verto|freetdm|group|error)\/(.+)$/.exec(dial);
    if (!m) return { cause: 'CHAN_NOT_IMPLEMENTED' };
    const [, tech, rest] = m;
    if (tech === 'error') return { cause: rest! };
    if (this.sessions.size >= this.maxSessions) return { cause: 'NORMAL_TEMPORARY_FAILURE' };
    const behaviour = this.endpointFor(dial);
    const uuid = opts.vars.origination_uuid ?? randomUUID();
    const callee = tech === 'sofia' ? (/^[^/]+\/([^@]+)/.exec(rest!)?.[1] ?? rest!) : rest!.split('@')[0]!;
    const caller = opts.caller?.channel.profile;
    const cidNumber = opts.vars.origination_caller_id_number ?? caller?.callerIdNumber ?? '0000000000';
    const cidName = opts.vars.origination_caller_id_name ?? caller?.callerIdName ?? 'FreeSWITCH';
    const now = this.now();
    const name = tech === 'loopback' ? `loopback/${rest}-a` : dial;
    const profile: CallerProfile = caller
      ? {
          direction: 'outbound',
          logicalDirection: 'inbound',
          username: caller.username,
          dialplan: caller.dialplan,
          callerIdName: cidName,
          callerIdNumber: cidNumber,
          origCallerIdName: caller.callerIdName,
          origCallerIdNumber: caller.callerIdNumber,
          calleeIdName: 'Outbound Call',
          calleeIdNumber: callee,
          networkAddr: caller.networkAddr,
          ani: caller.ani,
          destinationNumber: callee,
          uniqueId: uuid,
          source: caller.source,
          context: caller.context,
          channelName: name,
          times: newTimes(now),
        }
      : {
          direction: 'outbound',
          logicalDirection: 'outbound',
          // While it rings the leg shows the origination caller id; originate swaps it once answered (see api.ts).
          callerIdName: opts.vars.origination_caller_id_name,
          callerIdNumber: cidNumber,
          origCallerIdName: opts.vars.origination_caller_id_name,
          origCallerIdNumber: cidNumber,
          calleeIdName: 'Outbound Call',
          calleeIdNumber: callee,
          // Known once the far end answers with its media address.
          networkAddr: undefined,
          ani: cidNumber,
          destinationNumber: callee,
          uniqueId: uuid,
          source: tech === 'loopback' ? 'mod_loopback' : 'src/switch_ivr_originate.c',
          ...(tech === 'loopback' ? { dialplan: 'xml' } : {}),
          context: 'default',
          channelName: name,
          profileIndex: '1',
          times: newTimes(now),
        };
    const leg = this.newSession(uuid, name, 'outbound', profile);
    leg.history.add({
      type: 'created',
      direction: 'outbound',
      from: profile.callerIdNumber ?? '',
      to: dial,
      channelName: name,
    });
    const sipTarget = tech === 'sofia' ? outgoingSipTarget(rest!) : undefined;
    if (sipTarget) outgoingSipVariables(leg, sipTarget);
    for (const [k, v] of Object.entries(opts.vars)) leg.vars.set(k, v);
    if (sipTarget) {
      leg.vars.set('originate_early_media', 'true');
      leg.vars.set('originate_endpoint', 'sofia');
    } else {
      leg.vars.set('direction', 'outbound');
      leg.vars.set('uuid', uuid);
      leg.vars.set('call_uuid', uuid);
      leg.vars.set('channel_name', name);
    }
    if (tech === 'loopback') leg.vars.set('is_loopback', 1);
    if (tech === 'loopback') leg.channel.codec = { name: 'L16', rate: 8000, bitRate: 128000 };
    this.startOutgoingLeg(leg, tech !== 'loopback');

    if (tech === 'loopback') return this.dialLoopback(leg, rest!);
    const self = /^[^/]+\/([^@]+)@127\.0\.0\.1:5080$/.exec(rest!);
    if (tech === 'sofia' && self && !this.explicitEndpointFor(dial)) return this.dialSelf(leg, self[1]!);

    const timeoutSec =
      positive(opts.vars.originate_timeout) ?? positive(opts.vars.call_timeout) ?? opts.timeoutSec ?? 60;
    // FreeSWITCH compares whole seconds: a 5 s timeout fires after about 4 to 4.5 s.
    const timeoutMs = Math.max(0, timeoutSec * 1000 - 700);
    // leg_timeout ([per leg] or {for every leg}) ends this leg alone, with ALLOTTED_TIMEOUT. It is checked
    // with `elapsed > limit` in whole seconds: a 5 s leg timeout fires after 5 to 6 s.
    const legTimeoutSec = positive(opts.vars.leg_timeout);
    const legTimeoutMs = legTimeoutSec === undefined ? Infinity : legTimeoutSec * 1000 + 300;
    const ringMs = Math.min(timeoutMs, legTimeoutMs);
    const fail = (cause: string, sip?: number, phrase?: string) => {
      leg.vars.set('sip_hangup_disposition', 'recv_refuse');
      leg.hangup(cause);
      return { cause, sip, phrase, leg: uuid };
    };
    if (behaviour.outcome === 'unreachable') return fail('NORMAL_TEMPORARY_FAILURE', 503, 'Service Unavailable');
    leg.channel.callState = 'RINGING';
    leg.channel.profile.times.progress = this.now();
    if (
      opts.caller &&
      (behaviour.outcome === 'answer' || behaviour.outcome === 'noanswer' || (behaviour.afterSeconds ?? 0) > 0)
    ) {
      // The 180/200 from the far end tells the caller who it is ringing (and marks its progress).
      opts.caller.channel.profile.calleeIdName = 'Outbound Call';
      opts.caller.channel.profile.calleeIdNumber = callee;
      opts.caller.channel.profile.times.progress ||= this.now();
    }
    const wait = behaviour.outcome === 'noanswer' ? Infinity : (behaviour.afterSeconds ?? 0) * 1000;
    // The ringing ends early when the caller gives up (opts.signal) or the leg itself is hung up
    // (uuid_kill while it rings): originate then answers at once with the leg's hangup cause.
    const ringing = AbortSignal.any(opts.signal ? [opts.signal, leg.signal] : [leg.signal]);
    if (sipTarget)
      leg.beforeHangupHooks.push(() => {
        // Hung up while it rings (uuid_kill): mod_sofia sends CANCEL.
        if (!leg.channel.isAnswered && !leg.vars.has('sip_hangup_disposition'))
          leg.vars.set('sip_hangup_disposition', 'send_cancel');
      });
    const ok =
      wait === Infinity || wait > ringMs
        ? (await this.clock.sleep(ringMs, ringing)) && false
        : await this.clock.sleep(wait, ringing);
    if (leg.channel.isHungUp && !opts.signal?.aborted && !opts.caller?.channel.isHungUp) {
      // Killed while ringing (the INVITE was cancelled, see above; the far end answered 487).
      return {
        cause: leg.channel.hangupCause ?? 'ORIGINATOR_CANCEL',
        sip: 487,
        phrase: 'Request Terminated',
        leg: uuid,
      };
    }
    // Another leg of a simultaneous dial answered first.
    if (opts.signal?.aborted && opts.signal.reason === 'LOSE_RACE' && !opts.caller?.channel.isHungUp)
      return fail('LOSE_RACE', 487, 'Request Terminated');
    if (opts.signal?.aborted || opts.caller?.channel.isHungUp)
      return fail('ORIGINATOR_CANCEL', 487, 'Request Terminated');
    if (!ok) return fail(legTimeoutMs < timeoutMs ? 'ALLOTTED_TIMEOUT' : 'NO_ANSWER');
    switch (behaviour.outcome) {
      case 'busy':
        return fail('USER_BUSY', 486, 'Busy Here');
      case 'decline':
        return fail('CALL_REJECTED', 603, 'Decline');
      case 'fail':
        return fail(behaviour.cause ?? 'NORMAL_TEMPORARY_FAILURE', 503, 'Service Unavailable');
      default:
        break;
    }
    if (tech === 'sofia') leg.channel.profile.networkAddr ??= '127.0.0.1';
    if (opts.caller) leg.channel.state = 'CS_EXECUTE';
    else {
      // Answered inside originate: the leg waits in CS_CONSUME_MEDIA, outside any dialplan.
      leg.channel.state = 'CS_CONSUME_MEDIA';
      leg.channel.hitDialplan = false;
    }
    if (sipTarget) answeredSipVariables(leg, sipTarget);
    leg.markAnswered();
    if (sipTarget) leg.vars.set('endpoint_disposition', 'ANSWER');
    this.scheduleEndpoint(leg, behaviour);
    return { session: leg };
  }

  /** The scripted side of an answered endpoint: keys it presses, when it hangs up. */
  private scheduleEndpoint(leg: Session, behaviour: EndpointBehaviour): void {
    if (behaviour.pressDigits) {
      const digits = [...behaviour.pressDigits];
      digits.forEach((d, i) =>
        leg.endpointTimers.push(
          this.clock.after(1000 + i * 300, () => leg.bridgedTo?.receiveDtmf(d) ?? leg.receiveDtmf(d)),
        ),
      );
    }
    if (behaviour.hangupAfterSeconds !== undefined) {
      leg.endpointTimers.push(
        this.clock.after(behaviour.hangupAfterSeconds * 1000, () => {
          leg.vars.set('sip_hangup_disposition', 'recv_bye');
          leg.hangup('NORMAL_CLEARING');
        }),
      );
    }
  }

  /**
   * loopback/<exten>: an -a leg (returned) and a -b leg that runs the extension in context default;
   * answering -b answers -a first (its CHANNEL_ANSWER comes before -b's).
   */
  private async dialLoopback(a: Session, exten: string): Promise<{ session: Session } | { cause: string }> {
    const now = this.now();
    const p = a.channel.profile;
    const bUuid = randomUUID();
    const name = `loopback/${exten}-b`;
    const b = this.newSession(bUuid, name, 'inbound', {
      ...p,
      direction: 'inbound',
      logicalDirection: 'inbound',
      dialplan: 'xml',
      uniqueId: bUuid,
      source: 'mod_loopback',
      context: 'default',
      channelName: name,
      profileIndex: '1',
      times: newTimes(now),
    });
    b.channel.codec = { name: 'L16', rate: 8000, bitRate: 128000 };
    b.vars.set('direction', 'inbound');
    b.vars.set('uuid', bUuid);
    b.vars.set('is_loopback', 1);
    b.vars.set('other_loopback_leg_uuid', a.uuid);
    a.vars.set('other_loopback_leg_uuid', bUuid);
    b.history.add({
      type: 'created',
      direction: 'inbound',
      from: p.callerIdNumber ?? '',
      to: exten,
      channelName: name,
    });
    b.answerHooks.push(() => a.markAnswered());
    const answered = new Promise<boolean>((resolve) => {
      const off = this.onEvent((ev) => {
        if (ev.uniqueId !== bUuid) return;
        if (ev.name === 'CHANNEL_ANSWER') {
          off();
          resolve(true);
        } else if (ev.name === 'CHANNEL_HANGUP') {
          off();
          resolve(false);
        }
      });
    });
    // The two loopback legs hang up together.
    void b.done.then(() => a.hangup(b.channel.hangupCause));
    void a.done.then(() => b.hangup(a.channel.hangupCause));
    const apps = this.startInboundLeg(b, exten, 'default');
    b.channel.mediaReady = true;
    void b.run(apps);
    if (!(await answered) || a.channel.isHungUp) {
      const cause = b.channel.hangupCause ?? 'NORMAL_CLEARING';
      a.hangup(cause);
      return { cause };
    }
    return { session: a };
  }

  // --- bridges ------------------------------------------------------------------------------------

  /** Links two channels as FreeSWITCH's bridge does: Other-Leg data, bridge variables. */
  linkLegs(a: Session, b: Session): void {
    a.channel.otherLeg = { type: 'originatee', channel: b.channel };
    b.channel.otherLeg = { type: 'originator', channel: a.channel };
    a.bridgedTo = b;
    b.bridgedTo = a;
    const now = this.now();
    a.channel.profile.times.bridged = now;
    b.channel.profile.times.bridged = now;
    a.history.add({ type: 'bridged', to: b.channel.name, peer: b.uuid });
    b.history.add({ type: 'bridged', to: a.channel.name, peer: a.uuid });
  }

  /** uuid_bridge: both loops stop, then each leg moves to the bridge (see Session.run). */
  uuidBridge(a: Session, b: Session): void {
    // switch_ivr_uuid_bridge gives both legs a new caller profile (the other's caller as callee, a
    // uuid_br transfer source) and moves them to CS_HIBERNATE: events until then report state 8.
    const now = this.now();
    const before = new Map([a, b].map((s) => [s, { ...s.channel.profile, times: { ...s.channel.profile.times } }]));
    for (const [self, peer] of [
      [a, b],
      [b, a],
    ] as const) {
      const p = self.channel.profile;
      const q = before.get(peer)!;
      self.channel.profile = {
        ...p,
        times: { ...p.times, profileCreated: now },
        profileIndex: String(Number(p.profileIndex ?? '1') + 1),
        calleeIdName: q.callerIdName,
        calleeIdNumber: q.callerIdNumber,
        transferSource: `${Math.floor(now / 1e6)}:${randomUUID()}:uuid_br:${peer.uuid}`,
      };
      self.addTransferSource(self.channel.profile.transferSource!);
      self.channel.pendingStateNumber = 8;
    }
    this.linkLegs(a, b);
    for (const [self, peer] of [
      [a, b],
      [b, a],
    ] as const) {
      const v = self.vars;
      const mine = before.get(self)!;
      if (self === a) v.set('uuid_bridge', peer.uuid);
      v.set('bridge_channel', peer.channel.name);
      v.set('bridge_uuid', peer.uuid);
      v.set('signal_bond', peer.uuid);
      v.set('original_destination_number', mine.destinationNumber);
      v.set('original_caller_id_name', mine.callerIdName);
      v.set('original_caller_id_number', mine.callerIdNumber);
      // What the bridge sent each leg as its callee, recorded once the leg hangs up.
      self.beforeHangupHooks.push(() => {
        v.set('last_sent_callee_id_name', before.get(peer)!.callerIdName);
        v.set('last_sent_callee_id_number', before.get(peer)!.callerIdNumber);
      });
    }
    const bOld = before.get(b)!;
    a.channel.otherLeg!.profile = {
      ...bOld,
      callerIdName: 'Unknown',
      callerIdNumber: 'Unknown',
      calleeIdName: bOld.callerIdName,
      calleeIdNumber: bOld.callerIdNumber,
      origCallerIdName: bOld.origCallerIdName ?? bOld.callerIdName,
      origCallerIdNumber: bOld.origCallerIdNumber ?? bOld.callerIdNumber,
      times: { ...bOld.times, profileCreated: now },
    };
    b.channel.otherLeg!.profile = { ...before.get(a)!, transferSource: undefined, rdnis: undefined };
    b.requestBreak({ kind: 'bridge', peer: a, role: 'b', fromSocket: b.appStack.includes('socket') });
    a.requestBreak({ kind: 'bridge', peer: b, role: 'a', fromSocket: a.appStack.includes('socket') });
  }

  /** One side of a uuid_bridge after its application loop stopped. */
  async runUuidBridge(self: Session, peer: Session, role: 'a' | 'b', fromSocket = false): Promise<void> {
    const ch = self.channel;
    ch.pendingStateNumber = undefined;
    for (const state of ['CS_HIBERNATE', 'CS_RESET', 'CS_SOFT_EXECUTE'] as const) {
      ch.state = state;
      self.fire('CHANNEL_STATE');
    }
    if (role === 'a') self.vars.set('bridge_to', peer.uuid);
    self.vars.set('last_bridge_to', peer.uuid);
    self.vars.set('bridge_channel', peer.channel.name);
    self.vars.set('bridge_uuid', peer.uuid);
    if (role === 'a') self.vars.set('last_bridge_role', 'originator');
    // A pseudo-application: no Application-UUID.
    self.fire('CHANNEL_EXECUTE', (ev) => ev.add('Application', 'uuid_bridge').add('Application-Data', peer.uuid));
    if (role === 'a') {
      self.fire('CHANNEL_BRIDGE', undefined, (ev) =>
        ev.add('Bridge-A-Unique-ID', self.uuid).add('Bridge-B-Unique-ID', peer.uuid),
      );
    } else {
      ch.state = 'CS_CONSUME_MEDIA';
      self.fire('CHANNEL_STATE');
      ch.state = 'CS_EXCHANGE_MEDIA';
      self.fire('CHANNEL_STATE');
    }
    // Stay bridged until either side hangs up; then the other is hung up too.
    await Promise.race([
      self.done,
      new Promise<void>((resolve) => waitHangup(self, resolve)),
      new Promise<void>((resolve) => waitHangup(peer, resolve)),
    ]);
    if (!self.channel.isHungUp) {
      // The other leg's hangup reaches this one on its next frame (about 20 ms in FreeSWITCH).
      await new Promise((resolve) => setTimeout(resolve, 20));
      self.vars.set('sip_hangup_phrase', 'OK');
      self.vars.set('last_bridge_hangup_cause', peer.channel.hangupCause);
      self.vars.set('last_bridge_proto_specific_hangup_cause', 'sip:200');
      if (role === 'a') self.vars.set('bridge_hangup_cause', peer.channel.hangupCause);
      self.hangup('NORMAL_CLEARING');
    } else if (role === 'a' && fromSocket) {
      // The bridge thread notices its own leg's hangup on its next frame: the socket's listener sends
      // the linger notice in that gap, before CHANNEL_UNBRIDGE and the final states (conf-uuid-bridge-A,
      // valet-pickup-A; a leg bridged out of `park` after a transfer shows it at the end instead).
      self.pause();
    }
    if (role === 'a') {
      self.vars.delete('bridge_to');
      self.vars.set('bridge_hangup_cause', self.channel.hangupCause);
      self.fire('CHANNEL_UNBRIDGE', undefined, (ev) =>
        ev.add('Bridge-A-Unique-ID', self.uuid).add('Bridge-B-Unique-ID', peer.uuid),
      );
      self.history.add({ type: 'unbridged', peer: peer.uuid });
    }
  }

  // --- conferences --------------------------------------------------------------------------------

  conferenceEvent(
    conf: Conference,
    action: string,
    member?: { id: number; session: Session; floor: boolean },
    extra?: (ev: EslEvent) => void,
  ): void {
    const ev = this.events.create('CUSTOM', 'conference::maintenance');
    addConferenceHeaders(ev, conf);
    if (member && action !== 'floor-change') addMemberHeaders(ev, member);
    ev.add('Action', action);
    extra?.(ev);
    this.fire(ev);
  }
}

export function addConferenceHeaders(ev: EslEvent, conf: Conference): void {
  ev.add('Conference-Name', conf.name)
    .add('Conference-Domain', 'cluecon.com')
    .add('Conference-Size', conf.members.length)
    .add('Conference-Ghosts', 0)
    .add('Conference-Profile-Name', 'default')
    .add('Conference-Unique-ID', conf.uuid);
}

export function addMemberHeaders(ev: EslEvent, member: { id: number; session: Session; floor: boolean }): void {
  ev.add('Floor', member.floor);
  member.session.channel.addBasicData(ev);
  ev.add('Video', 'false')
    .add('Hear', 'true')
    .add('See', 'true')
    .add('Speak', 'true')
    .add('Talking', 'false')
    .add('Mute-Detect', 'false')
    .add('Hold', 'false')
    .add('Member-ID', member.id)
    .add('Member-Type', 'member')
    .add('Member-Ghost', 'false')
    .add('Energy-Level', 0)
    .add('Current-Energy', 0);
}

/** A positive whole number of seconds from a channel variable (FreeSWITCH's atoi() > 0), else undefined. */
function positive(value: string | undefined): number | undefined {
  const n = Number.parseInt(value ?? '', 10);
  return n > 0 ? n : undefined;
}

function waitHangup(session: Session, resolve: () => void): void {
  if (session.channel.isHungUp) return resolve();
  const off = session.sw.onEvent((ev) => {
    if (ev.name === 'CHANNEL_HANGUP' && ev.uniqueId === session.uuid) {
      off();
      resolve();
    }
  });
}

export function uptimeText(ms: number, long = true): string {
  const s = Math.floor(ms / 1000);
  const parts = `${Math.floor(s / 31536000)} years, ${Math.floor(s / 86400) % 365} days, ${Math.floor(s / 3600) % 24} hours, ${Math.floor(s / 60) % 60} minutes, ${s % 60} seconds, ${ms % 1000} ${long ? 'milliseconds' : 'millis'}`;
  return long ? `${parts}, 0 microseconds` : parts;
}
