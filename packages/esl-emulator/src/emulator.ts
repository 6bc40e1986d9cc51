/**
 * The emulator as a whole: the simulated switch, its Event Socket server (inbound mode), the
 * outbound `socket` connections, and the control API tests and the designer use.
 */
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { executeApi } from './api.js';
import { APPLICATIONS } from './apps.js';
import { EslConnection } from './connection.js';
import type { EslEvent } from './event.js';
import type { CallActivityEntry, CallSummary } from './history.js';
import type { Session } from './session.js';
import { Switch, type EndpointDefinition, type SwitchOptions } from './switch.js';

export interface EmulatorOptions extends Omit<SwitchOptions, 'outboundTarget'> {
  /** Event Socket listen address (default 127.0.0.1:8021; port 0 picks a free port). */
  host?: string;
  port?: number;
  password?: string;
  /** Where inbound calls are sent (`socket host:port async full`), e.g. the runtime's outbound ESL port. */
  outbound?: { host: string; port: number };
}

export interface PlaceCallOptions {
  /** Caller id number (default `sipp`). */
  from?: string;
  fromName?: string;
  /** The dialed number. */
  to: string;
  /** SIP headers on the INVITE, e.g. { 'X-Order-Id': '12345' } (become variable_sip_h_X-Order-Id). */
  headers?: Record<string, string>;
  uuid?: string;
}

export interface CallInfo {
  uuid: string;
  name: string;
  direction: 'inbound' | 'outbound';
  state: string;
  answerState: string;
  from: string | undefined;
  to: string;
  active: boolean;
}

export class Emulator {
  readonly switch: Switch;
  private server: Server | undefined;
  private readonly connections = new Set<EslConnection>();
  private readonly sockets = new Set<Socket>();
  readonly password: string;

  constructor(readonly options: EmulatorOptions = {}) {
    this.password = options.password ?? 'ClueCon';
    this.switch = new Switch({ ...options, outboundTarget: options.outbound });
    for (const [name, app] of Object.entries(APPLICATIONS)) this.switch.applications.set(name, app);
    this.switch.connectSocket = (session, host, port, mode) => this.connectOutbound(session, host, port, mode);
  }

  /** Starts the inbound Event Socket server. */
  async listen(): Promise<{ host: string; port: number }> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    server.listen(this.options.port ?? 8021, this.options.host ?? '127.0.0.1');
    await once(server, 'listening');
    return this.address!;
  }

  get address(): { host: string; port: number } | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? { host: a.address, port: a.port } : undefined;
  }

  /** Sets (or changes) where inbound calls go. */
  setOutboundTarget(target: { host: string; port: number } | undefined): void {
    (this.switch.options as SwitchOptions).outboundTarget = target;
  }

  private accept(socket: Socket): void {
    this.track(socket);
    const conn = new EslConnection(this.switch, socket, { password: this.password, mode: 'inbound' });
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
  }

  private track(socket: Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** What the `socket` application does: connect to the app and serve the channel over that connection. */
  private connectOutbound(
    session: Session,
    host: string,
    port: number,
    mode: { async: boolean; full: boolean },
  ): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect({ host, port, noDelay: true });
      this.track(socket);
      socket.once('error', () => resolve(false));
      socket.once('connect', () => {
        const conn = new EslConnection(this.switch, socket, {
          password: this.password,
          mode: 'outbound',
          session,
          socketMode: mode,
        });
        this.connections.add(conn);
        socket.on('close', () => this.connections.delete(conn));
        resolve(true);
      });
    });
  }

  // --- control API --------------------------------------------------------------------------------

  /** A call from a simulated phone into the switch (routed by the dialplan, by default to the outbound socket). */
  placeCall(opts: PlaceCallOptions): CallHandle {
    const session = this.switch.placeInboundCall(opts);
    return new CallHandle(this, session.uuid);
  }

  call(uuid: string): CallHandle {
    return new CallHandle(this, uuid);
  }

  /** The caller presses keys, one every `gapMs` simulated milliseconds. */
  async pressDigits(uuid: string, digits: string, gapMs = 300): Promise<void> {
    for (const [i, d] of [...digits].entries()) {
      if (i > 0) await this.switch.clock.sleep(gapMs);
      const s = this.switch.sessions.get(uuid);
      if (!s) throw new Error(`no such call ${uuid}`);
      s.receiveDtmf(d);
    }
  }

  /** The caller (or the far end) hangs up. */
  hangup(uuid: string, cause = 'NORMAL_CLEARING'): void {
    const s = this.switch.sessions.get(uuid);
    if (!s) return;
    if (s.channel.isAnswered && s.channel.name.startsWith('sofia/')) {
      // The BYE's outcome, as mod_sofia records it.
      s.vars.set('sip_term_status', 200);
      s.vars.set('proto_specific_hangup_cause', 'sip:200');
      s.vars.set('sip_term_cause', 16);
    }
    s.vars.set('sip_hangup_disposition', 'recv_bye');
    s.hangup(cause);
  }

  /** Whether the caller is silent or talking (record's silence detection). */
  setCallerAudio(uuid: string, audio: 'speech' | 'silence'): void {
    const s = this.switch.sessions.get(uuid);
    if (s) s.callerAudio = audio;
  }

  defineEndpoint(def: EndpointDefinition): void {
    this.switch.defineEndpoint(def);
  }

  get endpoints(): EndpointDefinition[] {
    return [...this.switch.endpoints];
  }

  /** Runs an API command as `api` would and returns its output. */
  api(command: string): Promise<string> {
    return executeApi(this.switch, command);
  }

  calls(): CallInfo[] {
    const out: CallInfo[] = [];
    for (const [uuid, history] of this.switch.histories) {
      const s = this.switch.sessions.get(uuid);
      const created = history.entries.find((e) => e.type === 'created');
      out.push({
        uuid,
        name: created?.type === 'created' ? created.channelName : '',
        direction: created?.type === 'created' ? created.direction : 'inbound',
        state: s?.channel.state ?? 'CS_DESTROY',
        answerState: s?.channel.answerState ?? 'hangup',
        from: created?.type === 'created' ? created.from : undefined,
        to: created?.type === 'created' ? created.to : '',
        active: !!s,
      });
    }
    return out;
  }

  history(uuid: string): { summary: CallSummary; entries: CallActivityEntry[] } | undefined {
    const h = this.switch.histories.get(uuid);
    return h && { summary: h.summary(), entries: [...h.entries] };
  }

  /** Live call activity (what is played, as text, when the call waits for keys...). */
  onActivity(listener: (entry: CallActivityEntry) => void): () => void {
    this.switch.bus.on('activity', listener);
    return () => this.switch.bus.off('activity', listener);
  }

  /** Every event the switch fires (as an ESL client subscribed to ALL would see it). */
  onEvent(listener: (ev: EslEvent) => void): () => void {
    return this.switch.onEvent(listener);
  }

  /** Forgets the history of calls that ended (long-running embedded use). */
  pruneHistory(): void {
    for (const uuid of this.switch.histories.keys())
      if (!this.switch.sessions.has(uuid)) this.switch.histories.delete(uuid);
  }

  get activeCalls(): number {
    return this.switch.sessions.size;
  }

  async close(): Promise<void> {
    for (const s of [...this.switch.sessions.values()]) s.hangup('MANAGER_REQUEST');
    for (const socket of this.sockets) socket.destroy();
    this.switch.close();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export class CallHandle {
  constructor(
    readonly emulator: Emulator,
    readonly uuid: string,
  ) {}

  pressDigits(digits: string, gapMs?: number): Promise<void> {
    return this.emulator.pressDigits(this.uuid, digits, gapMs);
  }

  hangup(cause?: string): void {
    this.emulator.hangup(this.uuid, cause);
  }

  get active(): boolean {
    return this.emulator.switch.sessions.has(this.uuid);
  }

  history(): CallSummary | undefined {
    return this.emulator.history(this.uuid)?.summary;
  }

  /** Resolves when the call has ended (after CHANNEL_DESTROY). */
  ended(): Promise<CallSummary | undefined> {
    const s = this.emulator.switch.sessions.get(this.uuid);
    if (!s) return Promise.resolve(this.history());
    return s.done.then(() => this.history());
  }
}

export interface EmulatorHandle {
  emulator: Emulator;
  /** The inbound Event Socket address. */
  esl: { host: string; port: number; password: string };
  /** The HTTP/WebSocket control API, when started. */
  control?: { host: string; port: number; url: string };
  close(): Promise<void>;
}

/** Starts an emulator in-process: the Event Socket server and, unless `control` is false, the HTTP/WebSocket control API. */
export async function startEmulator(
  options: EmulatorOptions & { control?: { host?: string; port?: number } | false } = {},
): Promise<EmulatorHandle> {
  const emulator = new Emulator(options);
  const esl = await emulator.listen();
  let control: EmulatorHandle['control'];
  let closeControl: (() => Promise<void>) | undefined;
  if (options.control) {
    const { startControlServer } = await import('./control-http.js');
    const started = await startControlServer(emulator, options.control);
    control = started.address;
    closeControl = started.close;
  }
  return {
    emulator,
    esl: { ...esl, password: emulator.password },
    control,
    async close() {
      await closeControl?.();
      await emulator.close();
    },
  };
}
