/**
 * ESL framing: the byte-level format both directions of the Event Socket use.
 *
 * A frame is a block of `Name: value` lines ended by an empty line, followed by exactly
 * `Content-Length` bytes of body when that header is present. Client commands use the same
 * framing, with the command itself as the first line (`api status`, `sendmsg <uuid>`...).
 * Values inside `text/event-plain` bodies are URL-encoded the way FreeSWITCH's
 * switch_url_encode() does it.
 */

export type Header = [name: string, value: string];

export interface Frame {
  /** Header lines in arrival order, split at the first `: `. Repeated names are kept. */
  headers: Header[];
  /** Lines of the header block exactly as sent (without CR/LF). The first one is a client's command. */
  lines: string[];
  body: Buffer | undefined;
}

export interface FrameParserOptions {
  /** A Content-Length above this ends the stream with an error (FreeSWITCH: 16 MiB). */
  maxContentLength?: number;
  /** A header block larger than this ends the stream with an error (a memory guard). */
  maxHeaderBytes?: number;
}

export class FrameError extends Error {
  constructor(
    message: string,
    readonly code: 'content-length' | 'header-size',
  ) {
    super(message);
  }
}

const LF = 10;
const CR = 13;
const EMPTY = Buffer.alloc(0);

/**
 * Incremental frame parser: feed it socket chunks, it calls `onFrame` for each complete frame.
 * Carriage returns are ignored and blank lines before a header block are skipped, as
 * mod_event_socket does for its clients.
 */
export class FrameParser {
  private buf: Buffer = EMPTY;
  /** Offset in `buf` where the current header block's search resumes. */
  private scanFrom = 0;
  private pendingHeaders: Frame | undefined;
  private pendingLength = 0;
  private failed = false;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly options: FrameParserOptions = {},
  ) {}

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    this.drain();
  }

  /** Bytes received but not yet part of a complete frame. */
  get buffered(): number {
    return this.buf.length;
  }

  private drain(): void {
    for (;;) {
      if (this.pendingHeaders) {
        if (this.buf.length < this.pendingLength) return;
        const frame = this.pendingHeaders;
        frame.body = this.buf.subarray(0, this.pendingLength);
        this.buf = this.buf.subarray(this.pendingLength);
        this.pendingHeaders = undefined;
        this.onFrame(frame);
        continue;
      }
      // Skip blank lines (and stray CRs) ahead of a header block.
      let start = 0;
      while (start < this.buf.length && (this.buf[start] === LF || this.buf[start] === CR)) start++;
      if (start > 0) {
        this.buf = this.buf.subarray(start);
        this.scanFrom = 0;
      }
      if (this.buf.length === 0) return;
      const end = findBlankLine(this.buf, this.scanFrom);
      if (end < 0) {
        this.scanFrom = Math.max(0, this.buf.length - 3);
        const max = this.options.maxHeaderBytes;
        if (max !== undefined && this.buf.length > max)
          this.fail(new FrameError('header block too large', 'header-size'));
        return;
      }
      const frame = parseHeaderBlock(this.buf.toString('utf8', 0, end.valueOf()));
      this.buf = this.buf.subarray(blankLineEnd(this.buf, end));
      this.scanFrom = 0;
      const length = contentLength(frame.headers);
      if (length > 0) {
        const max = this.options.maxContentLength;
        if (max !== undefined && length > max) {
          this.fail(new FrameError(`Content-Length ${length} is too large`, 'content-length'));
          return;
        }
        this.pendingHeaders = frame;
        this.pendingLength = length;
        continue;
      }
      this.onFrame(frame);
    }
  }

  private fail(error: FrameError): void {
    this.failed = true;
    this.buf = EMPTY;
    this.onError?.(error);
  }

  /** Called once when the stream is unusable; nothing is parsed after it. */
  onError: ((error: FrameError) => void) | undefined;
}

/** Index of the line break that ends the header block (the first of `\n\n` or `\n\r\n`), or -1. */
function findBlankLine(buf: Buffer, from: number): number {
  let i = buf.indexOf(LF, from);
  while (i >= 0 && i + 1 < buf.length) {
    const next = buf[i + 1];
    if (next === LF) return i;
    if (next === CR && i + 2 < buf.length && buf[i + 2] === LF) return i;
    if (next === CR && i + 2 >= buf.length) return -1;
    i = buf.indexOf(LF, i + 1);
  }
  return -1;
}

function blankLineEnd(buf: Buffer, end: number): number {
  return buf[end + 1] === LF ? end + 2 : end + 3;
}

function parseHeaderBlock(text: string): Frame {
  const lines = text.split('\n');
  const headers: Header[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = lines[i] = line.slice(0, -1);
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    headers.push([line.slice(0, colon), value]);
  }
  return { headers, lines, body: undefined };
}

function contentLength(headers: Header[]): number {
  for (const [name, value] of headers) {
    if (name.length === 14 && name.toLowerCase() === 'content-length') {
      const n = Number.parseInt(value, 10);
      return Number.isFinite(n) && n > 0 ? n : 0;
    }
  }
  return 0;
}

/** First value of a header, compared case-insensitively. */
export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n === name || n.toLowerCase() === lower) return v;
  return undefined;
}

/** Serializes one frame: each header as `Name: value\n`, a blank line, then the body. */
export function serializeFrame(headers: readonly Header[], body?: string | Buffer): Buffer {
  let head = '';
  for (const [name, value] of headers) head += `${name}: ${value}\n`;
  head += '\n';
  if (body === undefined || body.length === 0) return Buffer.from(head, 'utf8');
  return Buffer.concat([Buffer.from(head, 'utf8'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

// --- URL encoding as FreeSWITCH's switch_url_encode (SWITCH_URL_UNSAFE, no double encoding of %XX) ---

const UNSAFE = new Uint8Array(256);
for (const ch of '\r\n #%&+:;<=>?@[\\]^`{|}"') UNSAFE[ch.charCodeAt(0)] = 1;
for (let c = 0; c < 32; c++) UNSAFE[c] = 1;
for (let c = 127; c < 256; c++) UNSAFE[c] = 1;
const HEX = '0123456789ABCDEF';

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102));
}

const SAFE_RE = /^[A-Za-z0-9_./,*'()!~$-]*$/;

export function urlEncode(value: string): string {
  if (SAFE_RE.test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 37 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out += '%';
      continue;
    }
    if (UNSAFE[c]) out += '%' + HEX[c >> 4]! + HEX[c & 15]!;
    else out += String.fromCharCode(c);
  }
  return out;
}

export function urlDecode(value: string): string {
  if (value.indexOf('%') < 0) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  }
}

/** Parses a `text/event-plain` body: URL-encoded header lines, optionally followed by a blank line and a payload. */
export function parseEventPlain(body: Buffer | string): { headers: Header[]; body: string | undefined } {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const headers: Header[] = [];
  let pos = 0;
  let payload: string | undefined;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    if (eol === pos) {
      // Blank line: the event's own body follows when it declared a Content-Length.
      const len = contentLength(headers);
      if (len > 0) payload = text.slice(eol + 1, eol + 1 + len);
      break;
    }
    const colon = text.indexOf(': ', pos);
    if (colon > 0 && colon < eol) headers.push([text.slice(pos, colon), urlDecode(text.slice(colon + 2, eol))]);
    pos = eol + 1;
  }
  return { headers, body: payload };
}
