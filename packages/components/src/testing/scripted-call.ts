/**
 * A CallPort for executor unit tests: it records every operation and answers from a script. The
 * real port (ESL over TCP against the emulator) is tested in the runtime; this one isolates the
 * executors' own decisions: retries, exits, variables.
 */
import type {
  BridgeRequest,
  BridgeResult,
  CallPort,
  CollectDigitsOptions,
  CollectDigitsResult,
  ParkRequest,
  ParkResult,
  PlayResult,
  PickupResult,
  RecordResult,
} from '../ports/call.js';

export interface CallScript {
  digits?: CollectDigitsResult[];
  play?: PlayResult[];
  bridge?: BridgeResult;
  park?: ParkResult;
  pickup?: PickupResult;
  record?: RecordResult;
  headers?: Record<string, string>;
}

/**
 * What a secure collection answers: the keys as ASCII bytes in a fresh buffer. Keep a reference to
 * check that the executor wiped it (every byte 0) once it is done.
 */
export function secureDigits(keys: string, terminator = '#'): CollectDigitsResult & { outcome: 'secure-digits' } {
  const digits = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i += 1) digits[i] = keys.charCodeAt(i);
  return { outcome: 'secure-digits', digits, ...(terminator ? { terminator } : {}) };
}

export class ScriptedCall implements CallPort {
  readonly id = 'call-1';
  readonly operations: Array<{ op: string; args?: unknown }> = [];
  private answered = false;

  constructor(private readonly script: CallScript = {}) {}

  private log(op: string, args?: unknown): void {
    this.operations.push(args === undefined ? { op } : { op, args });
  }

  ops(): string[] {
    return this.operations.map((o) => o.op);
  }

  isAnswered(): boolean {
    return this.answered;
  }
  async answer(): Promise<void> {
    this.answered = true;
    this.log('answer');
  }
  async hangup(cause: string): Promise<void> {
    this.log('hangup', cause);
  }
  async play(prompt: unknown, options: { bargeInKeys?: string }): Promise<PlayResult> {
    this.log('play', { prompt, bargeInKeys: options.bargeInKeys });
    return this.script.play?.shift() ?? {};
  }
  async collectDigits(options: CollectDigitsOptions): Promise<CollectDigitsResult> {
    const { signal: _signal, ...rest } = options;
    this.log('collectDigits', rest);
    return this.script.digits?.shift() ?? { outcome: 'noinput' };
  }
  async sendDtmf(digits: string, toneDurationMs: number): Promise<void> {
    this.log('sendDtmf', { digits, toneDurationMs });
  }
  async bridge(request: BridgeRequest): Promise<BridgeResult> {
    const { signal: _signal, ...rest } = request;
    this.log('bridge', rest);
    return this.script.bridge ?? { outcome: 'failed', cause: 'NO_ROUTE_DESTINATION' };
  }
  async transfer(request: unknown): Promise<void> {
    this.log('transfer', request);
  }
  async park(request: ParkRequest): Promise<ParkResult> {
    const { signal: _signal, ...rest } = request;
    this.log('park', rest);
    return this.script.park ?? { outcome: 'full' };
  }
  async pickup(lot: string, slot: string): Promise<PickupResult> {
    this.log('pickup', { lot, slot });
    return this.script.pickup ?? { outcome: 'empty' };
  }
  async joinConference(request: { room: string }): Promise<void> {
    this.log('joinConference', request.room);
  }
  async record(request: { maxLengthMs: number }): Promise<RecordResult> {
    this.log('record', request.maxLengthMs);
    return this.script.record ?? { outcome: 'silence' };
  }
  async startSessionRecording(): Promise<{ file: string }> {
    this.log('startSessionRecording');
    return { file: 'call-1.wav' };
  }
  async stopSessionRecording(): Promise<void> {
    this.log('stopSessionRecording');
  }
  async maskRecording(): Promise<void> {
    this.log('maskRecording');
  }
  async unmaskRecording(): Promise<void> {
    this.log('unmaskRecording');
  }
  async getVariable(name: string): Promise<string | undefined> {
    this.log('getVariable', name);
    return undefined;
  }
  async setVariable(name: string, value: string): Promise<void> {
    this.log('setVariable', { name, value });
  }
  async incomingSipHeaders(): Promise<Readonly<Record<string, string>>> {
    return this.script.headers ?? {};
  }
  async setOutgoingSipHeaders(headers: Readonly<Record<string, string>>): Promise<void> {
    this.log('setOutgoingSipHeaders', headers);
  }
}
