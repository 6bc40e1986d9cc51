/** Faults of the ESL layer. Expected call outcomes (busy, no answer) are values, never these. */

/** The connection ended (or was never up) while a command, job or application was pending. */
export class EslConnectionClosed extends Error {
  constructor(what: string) {
    super(`ESL connection closed: ${what}`);
    this.name = 'EslConnectionClosed';
  }
}

/** No reply came in time. The connection is dropped: a missing reply leaves the reply stream out of step. */
export class EslTimeout extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`ESL command "${command}" got no reply within ${timeoutMs} ms`);
    this.name = 'EslTimeout';
  }
}

/** FreeSWITCH answered `-ERR ...` where the adapter needs `+OK`. */
export class EslCommandError extends Error {
  constructor(
    readonly command: string,
    readonly reply: string,
  ) {
    super(`ESL command "${command}" failed: ${reply.trim()}`);
    this.name = 'EslCommandError';
  }
}

/** Every configured switch is full (HEARTBEAT Session-Count reached Max-Sessions) or disconnected. */
export class SwitchCapacityExceeded extends Error {
  constructor(detail: string) {
    super(`no switch can take another call: ${detail}`);
    this.name = 'SwitchCapacityExceeded';
  }
}
