/**
 * FreeSWITCH events: an ordered list of headers (names may repeat, as FreeSWITCH's do) with an
 * optional body, serialized as `text/event-plain` or `text/event-json` exactly as mod_event_socket does.
 */
import { urlEncode, type Header } from '@ivr/esl-protocol';

export interface SwitchIdentity {
  coreUuid: string;
  hostname: string;
  ipv4: string;
  ipv6: string;
}

/** Where FreeSWITCH fires each event from (Event-Calling-* headers), as seen in the captures. */
const CALLING: Record<string, [file: string, func: string, line: number]> = {
  CHANNEL_CREATE: ['switch_core_state_machine.c', 'switch_core_session_run', 626],
  CHANNEL_STATE: ['switch_channel.c', 'switch_channel_perform_set_running_state', 2409],
  CHANNEL_CALLSTATE: ['switch_channel.c', 'switch_channel_perform_set_callstate', 345],
  CHANNEL_EXECUTE: ['switch_core_session.c', 'switch_core_session_exec', 2949],
  CHANNEL_EXECUTE_COMPLETE: ['switch_core_session.c', 'switch_core_session_exec', 2972],
  CHANNEL_ANSWER: ['switch_channel.c', 'switch_channel_perform_mark_answered', 3848],
  CHANNEL_PROGRESS: ['switch_channel.c', 'switch_channel_perform_mark_ring_ready_value', 3513],
  CHANNEL_OUTGOING: ['switch_core_session.c', 'switch_core_session_outgoing_channel', 760],
  CHANNEL_ORIGINATE: ['switch_ivr_originate.c', 'switch_ivr_originate', 3957],
  CHANNEL_HANGUP: ['switch_channel.c', 'switch_channel_perform_hangup', 3623],
  CHANNEL_HANGUP_COMPLETE: ['switch_core_state_machine.c', 'switch_core_session_reporting_state', 943],
  CHANNEL_DESTROY: ['switch_core_session.c', 'switch_core_session_perform_destroy', 1742],
  CHANNEL_PARK: ['switch_ivr.c', 'switch_ivr_park', 1007],
  CHANNEL_UNPARK: ['switch_ivr.c', 'switch_ivr_park', 1197],
  CHANNEL_BRIDGE: ['switch_ivr_bridge.c', 'switch_ivr_multi_threaded_bridge', 1689],
  CHANNEL_UNBRIDGE: ['switch_ivr_bridge.c', 'switch_ivr_multi_threaded_bridge', 1849],
  CHANNEL_DATA: ['mod_event_socket.c', 'parse_command', 2029],
  CODEC: ['switch_core_codec.c', 'switch_core_session_set_real_read_codec', 189],
  CALL_UPDATE: ['switch_channel.c', 'switch_channel_flip_cid', 3279],
  DTMF: ['switch_channel.c', 'switch_channel_dequeue_dtmf', 678],
  PLAYBACK_START: ['switch_ivr_play_say.c', 'switch_ivr_play_file', 1540],
  PLAYBACK_STOP: ['switch_ivr_play_say.c', 'switch_ivr_play_file', 2003],
  RECORD_START: ['switch_ivr_play_say.c', 'switch_ivr_record_file_event', 498],
  RECORD_STOP: ['switch_ivr_play_say.c', 'switch_ivr_record_file_event', 882],
  BACKGROUND_JOB: ['mod_event_socket.c', 'api_exec', 1580],
  API: ['switch_loadable_module.c', 'switch_api_execute', 2955],
  HEARTBEAT: ['switch_core.c', 'send_heartbeat', 95],
  'CUSTOM valet_parking::info': ['mod_valet_parking.c', 'valet_parking_function', 684],
  'CUSTOM conference::maintenance': ['mod_conference.c', 'conference_event_send', 101],
};

export class EslEvent {
  readonly headers: Header[] = [];
  body: string | undefined;
  private plain: string | undefined;
  private json: string | undefined;

  constructor(
    readonly name: string,
    readonly subclass?: string,
  ) {}

  add(name: string, value: string | number | boolean | undefined | null): this {
    if (value === undefined || value === null) return this;
    this.headers.push([name, String(value)]);
    return this;
  }

  get(name: string): string | undefined {
    for (const [n, v] of this.headers) if (n === name) return v;
    return undefined;
  }

  /** Uniqueness key of the channel the event belongs to, if any. */
  get uniqueId(): string | undefined {
    return this.get('Unique-ID');
  }

  /** `text/event-plain` body: URL-encoded header lines, then the optional body behind its own Content-Length. */
  toPlain(): string {
    if (this.plain !== undefined) return this.plain;
    let out = '';
    for (const [name, value] of this.headers) out += `${name}: ${urlEncode(value)}\n`;
    if (this.body !== undefined) out += `Content-Length: ${Buffer.byteLength(this.body)}\n\n${this.body}`;
    else out += '\n';
    return (this.plain = out);
  }

  /** `text/event-json` body: one compact object, repeated headers repeated as keys, no trailing newline. */
  toJson(): string {
    if (this.json !== undefined) return this.json;
    const parts: string[] = [];
    for (const [name, value] of this.headers) parts.push(`${JSON.stringify(name)}:${JSON.stringify(value)}`);
    if (this.body !== undefined) {
      parts.push(`"Content-Length":${JSON.stringify(String(Buffer.byteLength(this.body)))}`);
      parts.push(`"_body":${JSON.stringify(this.body)}`);
    }
    return (this.json = `{${parts.join(',')}}`);
  }

  /** Drops cached serializations (after headers were changed). */
  touch(): void {
    this.plain = this.json = undefined;
  }
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function localStamp(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Microseconds since the epoch, as FreeSWITCH stamps events. */
export function microTime(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

export class EventFactory {
  private sequence = 1000;

  constructor(readonly identity: SwitchIdentity) {}

  /** A new event with FreeSWITCH's common headers (Event-Name, Core-UUID, host, dates, calling site, sequence). */
  create(name: string, subclass?: string, calling?: [string, string, number]): EslEvent {
    const ev = new EslEvent(name, subclass);
    if (subclass) ev.add('Event-Subclass', subclass);
    const now = microTime();
    const date = new Date(now / 1000);
    const [file, func, line] = calling ??
      CALLING[subclass ? `${name} ${subclass}` : name] ?? ['switch_event.c', 'switch_event_fire_detailed', 2000];
    ev.add('Event-Name', name)
      .add('Core-UUID', this.identity.coreUuid)
      .add('FreeSWITCH-Hostname', this.identity.hostname)
      .add('FreeSWITCH-Switchname', this.identity.hostname)
      .add('FreeSWITCH-IPv4', this.identity.ipv4)
      .add('FreeSWITCH-IPv6', this.identity.ipv6)
      .add('Event-Date-Local', localStamp(date))
      .add('Event-Date-GMT', date.toUTCString())
      .add('Event-Date-Timestamp', now)
      .add('Event-Calling-File', file)
      .add('Event-Calling-Function', func)
      .add('Event-Calling-Line-Number', line)
      .add('Event-Sequence', ++this.sequence);
    return ev;
  }
}
