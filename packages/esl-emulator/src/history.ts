/** What happened on a simulated call, for tests and the test-call panel. */

export type CallActivity =
  | { type: 'created'; direction: 'inbound' | 'outbound'; from: string; to: string; channelName: string }
  | { type: 'answer' }
  | { type: 'execute'; app: string; data: string }
  | {
      type: 'play';
      app: string;
      kind: 'file' | 'tts' | 'say' | 'tone' | 'silence';
      target: string;
      text?: string;
      durationMs: number;
    }
  | {
      type: 'play-end';
      app: string;
      target: string;
      status: 'done' | 'break' | 'hangup' | 'not-found';
      playedMs: number;
    }
  | { type: 'wait-digits'; min: number; max: number; timeoutMs: number; terminators: string; variable?: string }
  | { type: 'digits-collected'; digits: string; result: 'success' | 'failure' | 'timeout'; variable?: string }
  | { type: 'dtmf'; digit: string }
  | { type: 'dtmf-sent'; digits: string }
  | { type: 'bridge-attempt'; target: string }
  | { type: 'bridged'; to: string; peer: string }
  | { type: 'unbridged'; peer: string }
  | { type: 'bridge-failed'; target: string; cause: string }
  | { type: 'record-start'; path: string; session: boolean }
  | { type: 'record-stop'; path: string; ms: number }
  | { type: 'mask'; path: string }
  | { type: 'unmask'; path: string }
  | { type: 'transfer'; to: string }
  | { type: 'park'; lot: string; slot: string }
  | { type: 'unpark'; lot: string; slot: string; reason: 'pickup' | 'timeout' | 'hangup' }
  | { type: 'conference-join'; room: string; memberId: number }
  | { type: 'conference-leave'; room: string; memberId: number }
  | { type: 'set'; name: string; value: string | undefined }
  | { type: 'hangup'; cause: string };

export type CallActivityEntry = CallActivity & { at: number; uuid: string };

export interface RecordingInfo {
  path: string;
  /** Whole-session recording (record_session) or a `record` application. */
  session: boolean;
  startedAt: number;
  stoppedAt?: number;
  /** Masked spans, in ms from the start of the recording. */
  masked: Array<{ fromMs: number; toMs?: number }>;
}

export class CallHistory {
  readonly entries: CallActivityEntry[] = [];
  readonly recordings: RecordingInfo[] = [];
  hangupCause: string | undefined;

  constructor(
    readonly uuid: string,
    private readonly emit: (entry: CallActivityEntry) => void,
  ) {}

  add(activity: CallActivity): void {
    const entry = { ...activity, at: Date.now(), uuid: this.uuid } as CallActivityEntry;
    if (activity.type === 'hangup') this.hangupCause = activity.cause;
    this.entries.push(entry);
    this.emit(entry);
  }

  /** A summary a test can assert on. */
  summary(): CallSummary {
    const pick = <T extends CallActivity['type']>(type: T) =>
      this.entries.filter((e): e is Extract<CallActivityEntry, { type: T }> => e.type === type);
    return {
      uuid: this.uuid,
      played: pick('play').map((p) => ({
        app: p.app,
        kind: p.kind,
        target: p.target,
        text: p.text,
        durationMs: p.durationMs,
      })),
      spoken: pick('play')
        .filter((p) => p.text !== undefined)
        .map((p) => p.text!),
      applications: pick('execute').map((e) => ({ app: e.app, data: e.data })),
      digitsPressed: pick('dtmf')
        .map((d) => d.digit)
        .join(''),
      digitsSent: pick('dtmf-sent')
        .map((d) => d.digits)
        .join(''),
      bridgedTo: pick('bridged').map((b) => b.to),
      bridgeFailures: pick('bridge-failed').map((b) => ({ target: b.target, cause: b.cause })),
      recordings: this.recordings.map((r) => ({ ...r, masked: r.masked.map((m) => ({ ...m })) })),
      hangupCause: this.hangupCause,
    };
  }
}

export interface CallSummary {
  uuid: string;
  played: Array<{ app: string; kind: string; target: string; text?: string; durationMs: number }>;
  spoken: string[];
  applications: Array<{ app: string; data: string }>;
  digitsPressed: string;
  digitsSent: string;
  bridgedTo: string[];
  bridgeFailures: Array<{ target: string; cause: string }>;
  recordings: RecordingInfo[];
  hangupCause: string | undefined;
}
