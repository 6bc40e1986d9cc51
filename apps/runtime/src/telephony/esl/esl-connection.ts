/**
 * modesl's Connection with two costs of the hot path taken out. modesl keeps doing the protocol: the
 * `connect` / `auth` handshakes, the FIFO of reply callbacks behind sendRecv and api, CHANNEL_DATA.
 *
 * - Writing: modesl writes a frame as several small writes (command, each header, blank line).
 *   With Nagle on that cost about 40 ms a command against the real FreeSWITCH (esl README item 12);
 *   with it off it would still be several packets. Each frame is written at once here (the frames
 *   of one tick together), and every socket it runs on has Nagle off (EslClient).
 * - Reading: modesl's Parser re-concatenates its whole buffer on every chunk, scans for the blank
 *   line byte by byte, turns each of an event's ~200 headers into an array entry looked up linearly,
 *   and routes every event through EventEmitter2 wildcards. That was most of the runtime's CPU per
 *   call (bench/, "ESL parsing" and "CPU per call"). Frames are split by the shared FrameParser
 *   instead; events (text/event-json and text/event-plain) go straight to `eventSink` (a JSON body
 *   unparsed: EslEvent reads it lazily), and every other frame (replies, auth, notices, logs) is
 *   handed to modesl as its Parser would have.
 */
import modesl from 'modesl';
import { FrameParser, parseEventPlain, urlDecode, type Frame } from '@ivr/esl-protocol';
import type { RawEvent } from './esl-event.js';

/** FreeSWITCH refuses frames above 16 MiB; a peer sending more is not a switch. */
const MAX_CONTENT_LENGTH = 16 * 1024 * 1024;
/** A header block this large without its blank line is garbage, not a frame. */
const MAX_HEADER_BYTES = 1024 * 1024;

export class EslConnection extends modesl.Connection {
  /** Receives every text/event-* frame, in socket order with the replies. */
  declare eventSink: ((event: RawEvent) => void) | undefined;
  /** Called once when the stream cannot be parsed any further (the connection is then useless). */
  declare onProtocolError: ((message: string) => void) | undefined;

  override send(command: string, args?: Record<string, modesl.HeaderValue> | null): void {
    const socket = this.socket;
    if (!socket || socket.destroyed || !socket.writable) return;
    let frame = `${command}\n`;
    if (args) for (const [name, value] of Object.entries(args)) frame += `${name}: ${String(value)}\n`;
    // Commands sent in the same tick (a variable and the application after it, `myevents` and
    // `linger`) leave in one write: with Nagle off each write is a packet and a wake-up of the switch.
    if (!socket.writableCorked) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    socket.write(`${frame}\n`);
  }

  /**
   * Replaces modesl's `_onConnect` (which makes its Parser). Runs from modesl's constructor in
   * outbound mode, before this class's own initialisers: it keeps no state but the parser's closure.
   */
  override _onConnect(): void {
    const parser = new FrameParser((frame) => this.onFrame(frame), {
      maxContentLength: MAX_CONTENT_LENGTH,
      maxHeaderBytes: MAX_HEADER_BYTES,
    });
    parser.onError = (error) => this.onProtocolError?.(`unparseable ESL stream: ${error.message}`);
    this.socket!.on('data', (chunk: Buffer) => parser.push(chunk));
    this.emit('esl::connect');
    this.connecting = false;
    this.on('esl::event::auth::request', this.auth.bind(this));
  }

  private onFrame(frame: Frame): void {
    let contentType = '';
    for (const [name, value] of frame.headers) if (name === 'Content-Type') contentType = value;
    if (contentType === 'text/event-json') {
      if (frame.body) this.deliverJson(frame.body);
      return;
    }
    const body = frame.body === undefined ? '' : frame.body.toString('utf8');
    if (contentType === 'text/event-plain') {
      const parsed = parseEventPlain(body);
      const headers: Record<string, string> = {};
      for (const [name, value] of parsed.headers) headers[name] = value;
      this.eventSink?.({ headers, body: parsed.body ?? '' });
      return;
    }
    // What modesl's Parser would emit for a frame without an event body (its Content-Length as a number).
    const headers: Record<string, string | number> = {};
    for (const [name, value] of frame.headers) {
      headers[name] = name === 'Content-Length' ? Number.parseInt(value, 10) : urlDecode(value);
    }
    const event = frame.body === undefined ? new modesl.Event(headers) : new modesl.Event(headers, body);
    // modesl's auth() reads the reply through these, which its Parser adds.
    const reply = headers['Reply-Text'];
    if (typeof reply === 'string') {
      if (reply.startsWith('-ERR')) event.addHeader('Modesl-Reply-ERR', reply.slice(5));
      else if (reply.startsWith('+OK')) event.addHeader('Modesl-Reply-OK', reply.slice(4));
    }
    this._onEvent(event, headers, body);
  }

  private deliverJson(body: Buffer): void {
    // Read only as far as it is asked (EslEvent). A body that is not one object is dropped: FreeSWITCH
    // never sends one, and one bad event is not a broken stream.
    let first = 0;
    let last = body.length - 1;
    while (first <= last && isSpace(body[first]!)) first++;
    while (last >= first && isSpace(body[last]!)) last--;
    if (body[first] !== 123 /* { */ || body[last] !== 125 /* } */ || last <= first) return;
    this.eventSink?.({ json: body.subarray(first, last + 1) });
  }
}

const isSpace = (byte: number) => byte === 32 || byte === 10 || byte === 13 || byte === 9;
