/** One step of a run as recorded for the designer's live view, replay and the calls page. */
export interface StepTrace {
  runId: string;
  scenarioId: string;
  version: number;
  seq: number;
  nodeId: string;
  component: string;
  exit: string | null;
  startedAt: string;
  durationMs: number;
  /** Variables the step changed; sensitive ones as REDACTED. */
  changed: Record<string, unknown>;
  notes: Array<{ message: string; data?: Record<string, unknown> }>;
  error?: { code: string; message: string };
  /** Values of the variables the scenario marks for export (CTI screen pops), after the step. */
  exported?: Record<string, unknown>;
}

export interface RunTrace {
  runId: string;
  scenarioId: string;
  version: number;
  status: string;
  reason?: string;
}

/** Where traces go: the database, the WebSocket stream, a test's array. */
export interface TraceSink {
  step(trace: StepTrace): void;
  runStarted?(run: RunTrace & { parentRunId?: string; callId?: string }): void;
  runEnded?(run: RunTrace & { steps: number }): void;
}

export const REDACTED = '[redacted]';

export const noTraces: TraceSink = { step: () => undefined };

/** Fans one trace out to several sinks; a failing sink does not stop the others or the run. */
export function traceSinks(...sinks: TraceSink[]): TraceSink {
  const each = (call: (sink: TraceSink) => void) => {
    for (const sink of sinks) {
      try {
        call(sink);
      } catch {
        // A trace consumer's fault must never change how a call goes.
      }
    }
  };
  return {
    step: (trace) => each((s) => s.step(trace)),
    runStarted: (run) => each((s) => s.runStarted?.(run)),
    runEnded: (run) => each((s) => s.runEnded?.(run)),
  };
}
