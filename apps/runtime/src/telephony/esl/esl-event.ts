import type modesl from 'modesl';

/** A read-only view of one FreeSWITCH event (JSON format, so values arrive decoded). */
export class EslEvent {
  constructor(private readonly raw: modesl.Event) {}

  get name(): string {
    return this.raw.getHeader('Event-Name') ?? '';
  }

  get subclass(): string | undefined {
    return this.header('Event-Subclass');
  }

  /** The channel the event is about (absent for HEARTBEAT, BACKGROUND_JOB...). */
  get uuid(): string | undefined {
    return this.header('Unique-ID');
  }

  get body(): string {
    return this.raw.getBody() ?? '';
  }

  header(name: string): string | undefined {
    const value = this.raw.getHeader(name);
    return value === null || value === undefined ? undefined : String(value);
  }

  /** A channel variable carried by the event (`variable_<name>`). */
  variable(name: string): string | undefined {
    return this.header(`variable_${name}`);
  }

  /** Every `variable_*` header, without the prefix. */
  variables(): Map<string, string> {
    const out = new Map<string, string>();
    for (const { name, value } of this.raw.headers) {
      if (name.startsWith('variable_')) out.set(name.slice(9), String(value));
    }
    return out;
  }
}
