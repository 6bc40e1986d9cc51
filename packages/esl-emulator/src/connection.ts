/**
 * One Event Socket connection, as mod_event_socket's listener serves it: inbound (a client
 * connected to the switch and must `auth`) or outbound (the `socket` application connected to
 * the app and controls one channel).
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { executeApi } from './api.js';
import { addProfile } from './channel.js';
import type { EslEvent } from './event.js';
import { FrameParser, headerValue, serializeFrame, urlEncode, type Frame, type Header } from '@ivr/esl-protocol';
import type { Session, SessionOwner } from './session.js';
import type { Switch } from './switch.js';

/** FreeSWITCH drops a client whose frame announces a body over 16 MiB. */
export const MAX_CONTENT_LENGTH = 16 * 1024 * 1024;
const GOODBYE = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';

/** Events `myevents` subscribes to. */
const MYEVENTS = [
  'CHANNEL_ANSWER',
  'CHANNEL_APPLICATION',
  'CHANNEL_BRIDGE',
  'CHANNEL_CREATE',
  'CHANNEL_DATA',
  'CHANNEL_DESTROY',
  'CHANNEL_EXECUTE',
  'CHANNEL_EXECUTE_COMPLETE',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_ORIGINATE',
  'CHANNEL_OUTGOING',
  'CHANNEL_PARK',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_STATE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_UNPARK',
  'DETECTED_SPEECH',
  'DTMF',
  'NOTALK',
  'TALK',
];

/** Event names FreeSWITCH knows (an `event` command with none of these gets `-ERR no keywords supplied`). */
export const EVENT_NAMES = new Set([
  ...MYEVENTS,
  'CUSTOM',
  'CLONE',
  'CHANNEL_CALLSTATE',
  'CHANNEL_UUID',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  'CHANNEL_PROGRESS',
  'API',
  'LOG',
  'INBOUND_CHAN',
  'OUTBOUND_CHAN',
  'STARTUP',
  'SHUTDOWN',
  'PUBLISH',
  'UNPUBLISH',
  'TALK',
  'NOTALK',
  'SESSION_CRASH',
  'MODULE_LOAD',
  'MODULE_UNLOAD',
  'DTMF',
  'MESSAGE',
  'PRESENCE_IN',
  'NOTIFY_IN',
  'PRESENCE_OUT',
  'PRESENCE_PROBE',
  'MESSAGE_WAITING',
  'MESSAGE_QUERY',
  'ROSTER',
  'CODEC',
  'BACKGROUND_JOB',
  'DETECTED_SPEECH',
  'DETECTED_TONE',
  'PRIVATE_COMMAND',
  'HEARTBEAT',
  'TRAP',
  'ADD_SCHEDULE',
  'DEL_SCHEDULE',
  'EXE_SCHEDULE',
  'RE_SCHEDULE',
  'RELOADXML',
  'NOTIFY',
  'PHONE_FEATURE',
  'PHONE_FEATURE_SUBSCRIBE',
  'SEND_MESSAGE',
  'RECV_MESSAGE',
  'REQUEST_PARAMS',
  'CHANNEL_DATA',
  'GENERAL',
  'COMMAND',
  'SESSION_HEARTBEAT',
  'CLIENT_DISCONNECTED',
  'SERVER_DISCONNECTED',
  'SEND_INFO',
  'RECV_INFO',
  'RECV_RTCP_MESSAGE',
  'SEND_RTCP_MESSAGE',
  'CALL_SECURE',
  'NAT',
  'RECORD_START',
  'RECORD_STOP',
  'PLAYBACK_START',
  'PLAYBACK_STOP',
  'CALL_UPDATE',
  'FAILURE',
  'SOCKET_DATA',
  'MEDIA_BUG_START',
  'MEDIA_BUG_STOP',
  'CONFERENCE_DATA_QUERY',
  'CONFERENCE_DATA',
  'CALL_SETUP_REQ',
  'CALL_SETUP_RESULT',
  'CALL_DETAIL',
  'DEVICE_STATE',
  'TEXT',
  'SHUTDOWN_REQUESTED',
  'ALL',
]);

const LOG_LEVELS: Record<string, number> = {
  console: 0,
  alert: 1,
  crit: 2,
  err: 3,
  error: 3,
  warning: 4,
  notice: 5,
  info: 6,
  debug: 7,
};
const LEVEL_OF: Record<string, number> = { ERR: 3, WARNING: 4, NOTICE: 5, INFO: 6, DEBUG: 7 };

export interface ConnectionOptions {
  password: string;
  mode: 'inbound' | 'outbound';
  /** Outbound: the channel this socket controls and how `socket` was called. */
  session?: Session;
  socketMode?: { async: boolean; full: boolean };
}

type Format = 'plain' | 'json' | 'xml';

export class EslConnection implements SessionOwner {
  private readonly parser: FrameParser;
  private authed: boolean;
  private format: Format | undefined;
  private allEvents = false;
  private readonly eventNames = new Set<string>();
  private readonly subclasses = new Set<string>();
  private readonly filters: Header[] = [];
  private uuidFilter: string | undefined;
  private myeventsOn = false;
  private lingering = false;
  private logLevel: number | undefined;
  private closed = false;
  private offEvents: (() => void) | undefined;
  private readonly offLog: () => void;
  /** While a synchronous `api` runs, events wait here (FreeSWITCH flushes them only afterwards). */
  private apiDepth = 0;
  private held: Buffer[] = [];
  /** Commands are handled one at a time, in arrival order. */
  private chain: Promise<void> = Promise.resolve();
  private noticeSent = false;
  private lingerNoticeSent = false;

  constructor(
    readonly sw: Switch,
    readonly socket: Socket,
    readonly options: ConnectionOptions,
  ) {
    socket.setNoDelay(true);
    this.authed = options.mode === 'outbound';
    this.parser = new FrameParser((frame) => this.enqueue(frame), { maxContentLength: MAX_CONTENT_LENGTH });
    this.parser.onError = () => {
      // FreeSWITCH answers nothing: a disconnect notice, then it closes.
      this.sendNotice(false);
      this.close();
    };
    socket.on('data', (chunk: Buffer) => this.parser.push(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.onSocketClosed());
    const onLog = (entry: { level: string; text: string; file: string; func: string; line: number }) =>
      this.onLog(entry);
    sw.bus.on('log', onLog);
    this.offLog = () => sw.bus.off('log', onLog);
    const s = options.session;
    if (s) s.owners.add(this);
    if (options.mode === 'inbound') this.write([['Content-Type', 'auth/request']]);
  }

  get session(): Session | undefined {
    return this.options.session;
  }

  // --- output -------------------------------------------------------------------------------------

  private write(headers: Header[], body?: string): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(serializeFrame(headers, body));
  }

  /** Writes now, or after the running synchronous `api` has answered. */
  private writeOrHold(headers: Header[], body?: string): void {
    if (this.closed || this.socket.destroyed) return;
    const frame = serializeFrame(headers, body);
    if (this.apiDepth > 0) this.held.push(frame);
    else this.socket.write(frame);
  }

  private reply(text: string, extra: Header[] = []): void {
    this.write([['Content-Type', 'command/reply'], ['Reply-Text', text], ...extra]);
  }

  private apiResponse(body: string): void {
    this.write(
      [
        ['Content-Type', 'api/response'],
        ['Content-Length', String(Buffer.byteLength(body))],
      ],
      body,
    );
  }

  /** Disconnect notice: `linger` (channel gone, socket kept) or `disconnect` (the goodbye text, then close). */
  private sendNotice(linger: boolean): void {
    const s = this.session;
    if (linger) {
      const headers: Header[] = [['Content-Type', 'text/disconnect-notice']];
      if (s) headers.push(['Controlled-Session-UUID', s.uuid]);
      headers.push(
        ['Content-Disposition', 'linger'],
        ['Channel-Name', s?.channel.name ?? ''],
        ['Linger-Time', '-1'],
        ['Content-Length', '0'],
      );
      this.write(headers);
      return;
    }
    const headers: Header[] = [['Content-Type', 'text/disconnect-notice']];
    if (s) headers.push(['Controlled-Session-UUID', s.uuid], ['Content-Disposition', 'disconnect']);
    headers.push(['Content-Length', String(GOODBYE.length)]);
    this.write(headers, GOODBYE);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.offEvents?.();
    this.offLog();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 100).unref();
  }

  private onSocketClosed(): void {
    const wasClosed = this.closed;
    this.closed = true;
    this.offEvents?.();
    this.offLog();
    const s = this.session;
    if (s) {
      s.owners.delete(this);
      // The app went away: the socket application ends and the dialplan moves on (here: hangup).
      if (!s.channel.isHungUp && s.appStack.includes('socket')) s.requestBreak({ kind: 'socket-closed' });
    }
    void wasClosed;
  }

  // --- events -------------------------------------------------------------------------------------

  private subscribe(): void {
    if (this.offEvents) return;
    this.offEvents = this.sw.onEvent((ev) => this.onEvent(ev));
  }

  private wants(ev: EslEvent): boolean {
    if (!this.format) return false;
    const named =
      ev.name === 'CUSTOM'
        ? this.subclasses.has(ev.subclass ?? '') || this.allEvents
        : this.allEvents || this.eventNames.has(ev.name);
    if (!named) return false;
    if (this.uuidFilter && ev.uniqueId !== this.uuidFilter) return false;
    if (this.filters.length > 0) {
      return this.filters.some(([name, value]) => {
        const actual = ev.get(name);
        if (actual === undefined) return false;
        if (value.startsWith('/') && value.endsWith('/') && value.length > 1) {
          try {
            return new RegExp(value.slice(1, -1)).test(actual);
          } catch {
            return false;
          }
        }
        return actual === value;
      });
    }
    return true;
  }

  private onEvent(ev: EslEvent): void {
    if (this.closed || this.noticeSent) return;
    if (!this.wants(ev)) return;
    // Static mode: the socket drops the call at hangup, before any hangup event reaches the app.
    const s = this.session;
    if (s && this.options.socketMode && !this.options.socketMode.async && s.channel.isHungUp && ev.uniqueId === s.uuid)
      return;
    let body: string;
    let type: string;
    if (this.format === 'json') {
      body = ev.toJson();
      type = 'text/event-json';
    } else if (this.format === 'xml') {
      body = toXml(ev);
      type = 'text/event-xml';
    } else {
      body = ev.toPlain();
      type = 'text/event-plain';
    }
    const frame = serializeFrame(
      [
        ['Content-Length', String(Buffer.byteLength(body))],
        ['Content-Type', type],
      ],
      body,
    );
    if (this.apiDepth > 0) this.held.push(frame);
    else if (!this.socket.destroyed) this.socket.write(frame);
  }

  private onLog(entry: { level: string; text: string; file: string; func: string; line: number }): void {
    if (this.logLevel === undefined || this.closed) return;
    const level = LEVEL_OF[entry.level] ?? 6;
    if (level > this.logLevel) return;
    const now = new Date();
    const stamp = `${now.toISOString().slice(0, 10)} ${now.toTimeString().slice(0, 8)}.${String(now.getMilliseconds() * 1000).padStart(6, '0')}`;
    const body = `${stamp} 99.00% [${entry.level}] ${entry.file}:${entry.line} ${entry.text}\n`;
    this.writeOrHold(
      [
        ['Content-Type', 'log/data'],
        ['Content-Length', String(Buffer.byteLength(body))],
        ['Log-Level', String(level)],
        ['Text-Channel', '0'],
        ['Log-File', entry.file],
        ['Log-Func', entry.func],
        ['Log-Line', String(entry.line)],
        ['User-Data', ''],
      ],
      body,
    );
  }

  // --- SessionOwner (outbound) --------------------------------------------------------------------

  onHangup(): void {
    if (this.lingering || this.closed) return;
    // Static mode (socket without async) drops the app at hangup: the goodbye notice, then close.
    if (this.options.socketMode && !this.options.socketMode.async) {
      this.noticeSent = true;
      this.sendNotice(false);
      this.close();
    }
  }

  onPause(session: Session): void {
    if (this.closed || !this.lingering || this.lingerNoticeSent || !session.channel.isHungUp) return;
    this.lingerNoticeSent = true;
    this.sendNotice(true);
  }

  onComplete(): void {
    if (this.closed) return;
    // FreeSWITCH detaches the channel here: nothing more of it (CHANNEL_DESTROY) reaches the socket.
    this.noticeSent = true;
    if (this.lingering) {
      if (!this.lingerNoticeSent) this.sendNotice(true);
      this.lingerNoticeSent = true;
    } else {
      this.sendNotice(false);
      this.close();
    }
  }

  // --- commands -----------------------------------------------------------------------------------

  private enqueue(frame: Frame): void {
    this.chain = this.chain
      .then(() => this.handle(frame))
      .catch((error: unknown) => {
        this.sw.log('ERR', `esl command failed: ${String(error)}`);
      });
  }

  private async handle(frame: Frame): Promise<void> {
    if (this.closed) return;
    const line = frame.lines[0] ?? '';
    const space = line.indexOf(' ');
    const cmd = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    if (!this.authed) {
      if (cmd === 'auth') {
        if (rest.trim() === this.options.password) {
          this.authed = true;
          this.reply('+OK accepted');
        } else {
          this.reply('-ERR invalid');
          this.sendNotice(false);
          this.close();
        }
        return;
      }
      this.reply('-ERR command not found');
      return;
    }
    switch (cmd) {
      case 'exit':
        this.reply('+OK bye');
        this.sendNotice(false);
        this.close();
        return;
      case 'api':
        return this.api(line.length > 3 ? rest : undefined);
      case 'bgapi':
        return this.bgapi(rest, frame);
      case 'event':
        return this.event(rest);
      case 'nixevent':
        return this.nixevent(rest);
      case 'noevents':
        if (!this.format) return this.reply('-ERR not listening for events');
        this.format = undefined;
        this.allEvents = false;
        this.eventNames.clear();
        this.subclasses.clear();
        this.myeventsOn = false;
        return this.reply('+OK no longer listening for events');
      case 'myevents':
        return this.myevents(rest);
      case 'filter':
        return this.filter(rest);
      case 'sendmsg':
        return this.sendmsg(rest.trim(), frame);
      case 'sendevent':
        return this.sendevent(rest.trim(), frame);
      case 'linger':
        if (!this.session || (this.options.socketMode && !this.options.socketMode.async))
          return this.reply(this.session ? '-ERR command not found' : '-ERR not controlling a session');
        this.lingering = true;
        return this.reply('+OK will linger');
      case 'nolinger':
        if (!this.session) return this.reply('-ERR not controlling a session');
        this.lingering = false;
        return this.reply('+OK will not linger');
      case 'connect':
        if (this.options.mode !== 'outbound' || !this.session) return this.reply('-ERR command not found');
        return this.connectReply();
      case 'getvar': {
        const value = this.session?.vars.get(rest.trim());
        return this.reply(value === undefined ? '-ERR command not found' : value);
      }
      case 'log':
        return this.log(rest);
      case 'nolog':
        if (this.logLevel === undefined) return this.reply('-ERR not loging');
        this.logLevel = undefined;
        return this.reply('+OK no longer logging');
      case 'divert_events':
        return this.reply(rest.trim() === 'on' ? '+OK events diverted' : '+OK events not diverted');
      case 'resume':
        return this.reply('+OK');
      default:
        return this.reply('-ERR command not found');
    }
  }

  private connectReply(): void {
    const s = this.session!;
    const ev = this.sw.events.create('CHANNEL_DATA');
    addProfile(ev, 'Channel', s.channel.profile);
    s.channel.addData(ev);
    const headers: Header[] = ev.headers.map(([n, v]) => [n, urlEncode(v)]);
    const mode = this.options.socketMode ?? { async: true, full: true };
    headers.push(
      ['Content-Type', 'command/reply'],
      ['Reply-Text', '%2BOK%0A'],
      ['Socket-Mode', mode.async ? 'async' : 'static'],
      ['Control', mode.full ? 'full' : 'single-channel'],
    );
    this.write(headers);
  }

  private async api(args: string | undefined): Promise<void> {
    if (args === undefined) return this.reply('-ERR command not found');
    if (args.trim() === '') return this.apiResponse('-ERR  Command not found!\n');
    this.apiDepth++;
    let output: string;
    try {
      output = await executeApi(this.sw, args);
    } finally {
      this.apiDepth--;
    }
    this.apiResponse(output);
    this.flushHeld();
  }

  private flushHeld(): void {
    if (this.apiDepth === 0 && this.held.length) {
      const frames = this.held;
      this.held = [];
      for (const f of frames) if (!this.socket.destroyed && !this.closed) this.socket.write(f);
    }
  }

  private bgapi(args: string, frame: Frame): void {
    if (!args.trim()) return this.reply('-ERR command not found');
    const jobUuid = headerValue(frame.headers, 'Job-UUID') ?? randomUUID();
    this.reply(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]);
    const trimmed = args.trim();
    const space = trimmed.indexOf(' ');
    const command = space < 0 ? trimmed : trimmed.slice(0, space);
    const commandArg = space < 0 ? undefined : trimmed.slice(space + 1);
    void executeApi(this.sw, trimmed).then((output) => {
      const ev = this.sw.events.create('BACKGROUND_JOB');
      ev.add('Job-UUID', jobUuid).add('Job-Command', command).add('Job-Command-Arg', commandArg);
      ev.body = output;
      this.sw.fire(ev);
    });
  }

  private event(rest: string): void {
    const words = rest.trim().split(/\s+/).filter(Boolean);
    let format: Format = 'plain';
    if (words[0] === 'plain' || words[0] === 'json' || words[0] === 'xml') format = words.shift() as Format;
    else if (words.length > 0 && !EVENT_NAMES.has(words[0]!)) words.shift();
    let any = false;
    let custom = false;
    for (const word of words) {
      if (custom) {
        this.subclasses.add(word);
        any = true;
        continue;
      }
      if (word === 'ALL') {
        this.allEvents = true;
        any = true;
      } else if (word === 'CUSTOM') {
        custom = true;
        any = true;
      } else if (EVENT_NAMES.has(word)) {
        this.eventNames.add(word);
        any = true;
      }
    }
    if (!any) return this.reply('-ERR no keywords supplied');
    this.format = format;
    this.subscribe();
    this.reply(`+OK event listener enabled ${format}`);
  }

  private nixevent(rest: string): void {
    let custom = false;
    for (const word of rest.trim().split(/\s+/).filter(Boolean)) {
      if (custom) this.subclasses.delete(word);
      else if (word === 'CUSTOM') custom = true;
      else if (word === 'ALL') {
        this.allEvents = false;
        this.eventNames.clear();
        this.subclasses.clear();
      } else this.eventNames.delete(word);
    }
    this.reply('+OK events nixed');
  }

  private myevents(rest: string): void {
    const words = rest.trim().split(/\s+/).filter(Boolean);
    let uuid = this.session?.uuid;
    let format: Format = 'plain';
    for (const w of words) {
      if (w === 'plain' || w === 'json' || w === 'xml') format = w;
      else uuid = w;
    }
    if (this.myeventsOn) return this.reply('-ERR aready enabled.');
    if (!uuid) return this.reply('-ERR command not found');
    this.myeventsOn = true;
    this.uuidFilter = uuid;
    for (const name of MYEVENTS) this.eventNames.add(name);
    this.format = format;
    this.subscribe();
    this.reply('+OK Events Enabled');
  }

  private filter(rest: string): void {
    const trimmed = rest.trim();
    if (!trimmed) return this.reply('-ERR command not found');
    if (trimmed.startsWith('delete')) {
      const m = /^delete\s+(\S+)(?:\s+(.*))?$/.exec(trimmed);
      if (!m) return this.reply('-ERR invalid syntax');
      const [, name, value] = m;
      if (name === 'all') {
        this.filters.length = 0;
        return this.reply('+OK filter deleted.');
      }
      for (let i = this.filters.length - 1; i >= 0; i--) {
        const [n, v] = this.filters[i]!;
        if (n === name && (value === undefined || v === value)) this.filters.splice(i, 1);
      }
      return this.reply(
        value === undefined ? `+OK filter deleted. [${name}]` : `+OK filter deleted. [${name}][${value}]`,
      );
    }
    const m = /^(\S+)\s+(.*)$/.exec(trimmed);
    if (!m) return this.reply('-ERR invalid syntax');
    this.filters.push([m[1]!, m[2]!]);
    this.reply(`+OK filter added. [${m[1]}]=[${m[2]}]`);
  }

  private log(rest: string): void {
    const arg = rest.trim();
    if (!arg) {
      this.logLevel = 7;
      return this.reply('+OK log level  [7]');
    }
    const level = /^\d+$/.test(arg) ? Number(arg) : LOG_LEVELS[arg.toLowerCase()];
    if (level === undefined || level > 7) return this.reply('-ERR invalid log level');
    this.logLevel = level;
    this.reply(`+OK log level ${arg} [${level}]`);
  }

  private sendmsg(target: string, frame: Frame): void | Promise<void> {
    const s = target ? this.sw.sessions.get(target) : this.session;
    if (!s) return this.reply(`-ERR invalid session id [${target}]`);
    const h = (name: string) => headerValue(frame.headers, name);
    const command = h('call-command');
    const staticMode = this.options.socketMode && !this.options.socketMode.async && s === this.session;
    if (command === 'execute') {
      const app = h('execute-app-name');
      if (!app) return this.reply('+OK');
      let arg = h('execute-app-arg');
      if (arg === undefined && frame.body && frame.body.length) arg = frame.body.toString('utf8');
      const loops = Math.max(1, Number(h('loops')) || 1);
      const appUuid = h('Event-UUID') ?? randomUUID();
      if (staticMode) {
        // Static mode runs the application in the socket's own thread: the reply waits for it, and
        // the events it fired meanwhile follow the reply.
        this.apiDepth++;
        return new Promise<void>((resolve) => {
          s.enqueue({
            app,
            arg,
            appUuid,
            loops,
            done: () => {
              this.apiDepth--;
              this.reply('+OK');
              this.flushHeld();
              resolve();
            },
          });
        });
      }
      this.reply('+OK');
      s.enqueue({ app, arg, appUuid, loops });
      return;
    }
    this.reply('+OK');
    if (command === 'hangup') {
      const cause = h('hangup-cause') ?? 'NORMAL_CLEARING';
      setImmediate(() => s.hangup(cause));
    } else if (command === 'unicast' || command === 'nomedia') {
      // Accepted, nothing to simulate.
    } else if (command === 'xferext') {
      const app = h('application');
      if (app)
        s.enqueue({
          app: app.split(' ')[0]!,
          arg: app.split(' ').slice(1).join(' ') || undefined,
          appUuid: randomUUID(),
          loops: 1,
        });
    }
  }

  private sendevent(rest: string, frame: Frame): void {
    const name = rest.split(/\s+/)[0] || 'CUSTOM';
    const subclass = headerValue(frame.headers, 'Event-Subclass');
    const ev = this.sw.events.create(name, name === 'CUSTOM' ? subclass : undefined);
    for (const [n, v] of frame.headers) if (n !== 'Content-Length' && n !== 'Event-Subclass') ev.add(n, v);
    if (frame.body && frame.body.length) ev.body = frame.body.toString('utf8');
    const uuid = randomUUID();
    ev.add('Event-UUID', uuid);
    this.sw.fire(ev);
    this.reply(`+OK ${uuid}`);
  }
}

function toXml(ev: EslEvent): string {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '<event>\n  <headers>\n';
  for (const [n, v] of ev.headers) out += `    <${n}>${esc(encodeURIComponent(v))}</${n}>\n`;
  out += '  </headers>\n';
  if (ev.body !== undefined) out += `  <body>${esc(ev.body)}</body>\n`;
  return `${out}</event>`;
}
