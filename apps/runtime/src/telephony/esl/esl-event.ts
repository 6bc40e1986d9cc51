import type modesl from 'modesl';

const PLAIN_NAME = /^[\w.: -]+$/;

/** An event or reply as the connection hands it over: a header map, or an event-json body not yet parsed. */
export type RawEvent = { headers: Record<string, unknown>; body: string } | { json: Buffer };

/**
 * A read-only view of one FreeSWITCH event or reply: header lookups by name (values decoded), the
 * body. Events come from our frame parser, replies from modesl as its Event objects.
 *
 * A JSON event is ~200 headers (~6 KiB, mostly channel variables) of which a call reads two or
 * three (Event-Name, Application-UUID, a variable): parsing all of them for every event was the
 * largest cost per call after the ESL library itself (bench/, "CPU per call"). FreeSWITCH writes a
 * flat object without whitespace, `{"Name":"value",...}`, so `"Name":` can only be found where that
 * key is (inside a string every quote is escaped); single values are cut out of the text, and the
 * whole object is parsed only when something asks for all of it or the text is not in that form.
 * The search runs on the received bytes: no string of the whole event is made either.
 */
export class EslEvent {
  private headers: Record<string, unknown> | undefined;
  private readonly json: Buffer | undefined;
  private plainBody: string | undefined;

  constructor(raw: RawEvent) {
    if ('json' in raw) {
      this.json = raw.json;
      // Not the compact form: no shortcuts.
      if (raw.json[1] !== 34 /* " */) this.parseAll();
    } else {
      this.headers = raw.headers;
      this.plainBody = raw.body;
    }
  }

  static fromModesl(event: modesl.Event): EslEvent {
    const headers: Record<string, unknown> = {};
    for (const { name, value } of event.headers) headers[name] = value;
    return new EslEvent({ headers, body: event.getBody() ?? '' });
  }

  get name(): string {
    return this.header('Event-Name') ?? '';
  }

  get subclass(): string | undefined {
    return this.header('Event-Subclass');
  }

  /** The channel the event is about (absent for HEARTBEAT, BACKGROUND_JOB...). */
  get uuid(): string | undefined {
    return this.header('Unique-ID');
  }

  get body(): string {
    this.plainBody ??= this.header('_body') ?? '';
    return this.plainBody;
  }

  header(name: string): string | undefined {
    const headers = this.headers ?? this.cut(name);
    if (headers === undefined) return this.cutValue;
    // Own properties only: a JSON event's map is a plain object, and `constructor` is no header.
    if (!Object.hasOwn(headers, name)) return undefined;
    const value = headers[name];
    return value === null || value === undefined ? undefined : String(value);
  }

  /** A channel variable carried by the event (`variable_<name>`). */
  variable(name: string): string | undefined {
    return this.header(`variable_${name}`);
  }

  /** Every `variable_*` header, without the prefix. */
  variables(): Map<string, string> {
    const headers = this.headers ?? this.parseAll();
    const out = new Map<string, string>();
    for (const name of Object.keys(headers)) {
      if (name.startsWith('variable_')) out.set(name.slice(9), String(headers[name]));
    }
    return out;
  }

  /** What the last cut() found (undefined: the header is absent). */
  private cutValue: string | undefined;

  /**
   * Finds one string value in the compact JSON text and leaves it in cutValue; returns the parsed
   * map instead when the value is not a plain string (a repeated header comes as an array).
   */
  private cut(name: string): Record<string, unknown> | undefined {
    // A name that JSON would escape is searched for by parsing (FreeSWITCH has none).
    if (!PLAIN_NAME.test(name)) return this.parseAll();
    const bytes = this.json!;
    // The name is ASCII (PLAIN_NAME): as many bytes as characters.
    const key = bytes.indexOf(`"${name}":`);
    this.cutValue = undefined;
    if (key < 0) return undefined;
    const start = key + name.length + 3;
    if (bytes[start] !== 34 /* " */) return this.parseAll();
    let end = bytes.indexOf(34, start + 1);
    while (end > 0 && bytes[end - 1] === 92 /* \ */) {
      let backslashes = 1;
      while (bytes[end - 1 - backslashes] === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      end = bytes.indexOf(34, end + 1);
    }
    if (end < 0) return this.parseAll();
    const backslash = bytes.indexOf(92, start + 1);
    if (backslash < 0 || backslash > end) {
      this.cutValue = bytes.toString('utf8', start + 1, end);
      return undefined;
    }
    try {
      this.cutValue = JSON.parse(bytes.toString('utf8', start, end + 1)) as string;
      return undefined;
    } catch {
      return this.parseAll();
    }
  }

  private parseAll(): Record<string, unknown> {
    if (this.headers) return this.headers;
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.json!.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    // The connection only hands over texts that look like one object; a broken one reads as empty.
    this.headers = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as never) : {};
    return this.headers!;
  }
}
