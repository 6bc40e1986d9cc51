/**
 * The test-call panel's view of one call, folded from the runtime's live events (WebSocket
 * /api/live): what the caller heard, the steps taken, the variables as the steps changed them.
 * Pure, so it is tested without a socket.
 */
import type { ScenarioDocument } from '@ivr/scenario-schema';
import { edgeId } from '../store/editorStore';

/** One traced step as the runtime sends it (node.entered) and stores it (GET /calls/:id/steps). */
export interface TraceStep {
  runId: string;
  scenarioId: string;
  seq: number;
  nodeId: string;
  component?: string;
  exit: string | null;
  startedAt?: string;
  durationMs?: number;
  /** Variables the step changed; sensitive ones arrive as "[redacted]" and stay so. */
  changed: Record<string, unknown>;
  error?: { code: string; message: string } | null;
  /** The version the run executes (0 for a draft). Stored steps call it scenarioVersion. */
  version?: number;
  scenarioVersion?: number;
}

export type TranscriptLine =
  | { kind: 'prompt'; text: string; media: string; durationMs?: number }
  | { kind: 'bridge-attempt'; target: string }
  | { kind: 'bridged'; target: string }
  | { kind: 'bridge-failed'; target: string; cause: string }
  | { kind: 'ended'; cause: string };

export type CallStatus = 'idle' | 'placing' | 'ringing' | 'answered' | 'bridged' | 'ended' | 'failed';

export interface LiveCallState {
  callId: string | null;
  status: CallStatus;
  hangupCause: string | null;
  /** Runs of this call (the scenario and any it calls), in the order they started. */
  runIds: string[];
  transcript: TranscriptLine[];
  steps: TraceStep[];
  variables: Record<string, unknown>;
  /** Events that came before the call id was known (the socket listens before the call is placed). */
  pending: LiveEvent[];
}

export type LiveEvent =
  | { type: 'call.ringing'; callId: string; from?: string; to?: string }
  | { type: 'call.answered'; callId: string }
  | { type: 'call.bridged'; callId: string; peerNumber?: string }
  | { type: 'call.ended'; callId: string; cause: string; durationMs?: number }
  | { type: 'run.started'; runId: string; scenarioId: string; callId?: string; parentRunId?: string }
  | { type: 'run.ended'; runId: string; status: string; callId?: string }
  | { type: 'node.entered'; callId?: string; step: TraceStep; exported?: Record<string, unknown> }
  | { type: 'media'; callId: string; activity: Record<string, unknown> }
  | { type: 'subscribed' | 'error'; [key: string]: unknown };

export type LiveAction =
  | { type: 'placing' }
  | { type: 'placed'; callId: string }
  | { type: 'failed' }
  | { type: 'event'; event: LiveEvent }
  | { type: 'reset' };

export const initialLiveCall: LiveCallState = {
  callId: null,
  status: 'idle',
  hangupCause: null,
  runIds: [],
  transcript: [],
  steps: [],
  variables: {},
  pending: [],
};

const MAX_PENDING = 500;

function eventCallId(event: LiveEvent): string | undefined {
  return 'callId' in event && typeof event.callId === 'string' ? event.callId : undefined;
}

function belongs(state: LiveCallState, event: LiveEvent): boolean {
  const callId = eventCallId(event);
  if (callId !== undefined) return callId === state.callId;
  if (event.type === 'node.entered') return state.runIds.includes(event.step.runId);
  if (event.type === 'run.started') return event.parentRunId !== undefined && state.runIds.includes(event.parentRunId);
  if (event.type === 'run.ended') return state.runIds.includes(event.runId);
  return false;
}

function apply(state: LiveCallState, event: LiveEvent): LiveCallState {
  switch (event.type) {
    case 'call.ringing':
      return state.status === 'placing' || state.status === 'idle' ? { ...state, status: 'ringing' } : state;
    case 'call.answered':
      return state.status === 'ended' ? state : { ...state, status: 'answered' };
    case 'call.bridged':
      return state.status === 'ended' ? state : { ...state, status: 'bridged' };
    case 'call.ended':
      if (state.status === 'ended') return state;
      return {
        ...state,
        status: 'ended',
        hangupCause: event.cause,
        transcript: [...state.transcript, { kind: 'ended', cause: event.cause }],
      };
    case 'run.started': {
      // The scenario runs: the call is in progress even when it never answers (early media).
      const status = state.status === 'placing' || state.status === 'ringing' ? 'answered' : state.status;
      return state.runIds.includes(event.runId)
        ? { ...state, status }
        : { ...state, status, runIds: [...state.runIds, event.runId] };
    }
    case 'node.entered': {
      const step = event.step;
      const runIds = state.runIds.includes(step.runId) ? state.runIds : [...state.runIds, step.runId];
      return {
        ...state,
        runIds,
        steps: [...state.steps, step],
        variables: { ...state.variables, ...step.changed, ...(event.exported ?? {}) },
      };
    }
    case 'media': {
      const line = transcriptLine(event.activity);
      const status =
        state.status === 'ended'
          ? state.status
          : event.activity.type === 'answer' && state.status !== 'bridged'
            ? 'answered'
            : event.activity.type === 'bridged'
              ? 'bridged'
              : event.activity.type === 'unbridged'
                ? 'answered'
                : state.status;
      if (!line) return status === state.status ? state : { ...state, status };
      return { ...state, status, transcript: [...state.transcript, line] };
    }
    default:
      return state;
  }
}

/** What the caller hears and what happens to the line, from one `media` activity; null for the rest. */
export function transcriptLine(activity: Record<string, unknown>): TranscriptLine | null {
  const text = (key: string) => (typeof activity[key] === 'string' ? (activity[key] as string) : '');
  switch (activity.type) {
    case 'play': {
      const media = text('kind') || 'file';
      const spoken = text('text') || text('target');
      if (media === 'silence') return null;
      return {
        kind: 'prompt',
        text: spoken,
        media,
        ...(typeof activity.durationMs === 'number' ? { durationMs: activity.durationMs } : {}),
      };
    }
    case 'bridge-attempt':
      return { kind: 'bridge-attempt', target: text('target') };
    case 'bridged':
      return { kind: 'bridged', target: text('to') };
    case 'bridge-failed':
      return { kind: 'bridge-failed', target: text('target'), cause: text('cause') };
    default:
      return null;
  }
}

export function liveCallReducer(state: LiveCallState, action: LiveAction): LiveCallState {
  switch (action.type) {
    case 'reset':
      return initialLiveCall;
    case 'placing':
      return { ...initialLiveCall, status: 'placing' };
    case 'failed':
      return { ...state, status: 'failed' };
    case 'placed': {
      // Replay what arrived before the id was known, in order, keeping only this call's events.
      let next: LiveCallState = { ...state, callId: action.callId, pending: [] };
      for (const event of state.pending) if (belongs(next, event)) next = apply(next, event);
      return next;
    }
    case 'event': {
      const { event } = action;
      if (state.callId === null) {
        if (state.status !== 'placing') return state;
        const pending = [...state.pending, event];
        return { ...state, pending: pending.length > MAX_PENDING ? pending.slice(-MAX_PENDING) : pending };
      }
      return belongs(state, event) ? apply(state, event) : state;
    }
  }
}

/** What the canvas highlights: the node the call is at, and the nodes and wires it went through. */
export interface TraceHighlight {
  activeNodeId: string | null;
  visitedNodes: ReadonlySet<string>;
  visitedEdges: ReadonlySet<string>;
}

/**
 * The highlight after `steps` (only those of the open scenario count). A step is reported when it
 * finishes, so while the call goes on the active node is where the last step's exit leads; once
 * the call has ended (and in replay) it is the last step's own node.
 */
export function traceHighlight(
  steps: readonly TraceStep[],
  doc: Pick<ScenarioDocument, 'id' | 'nodes'> & Partial<Pick<ScenarioDocument, 'start'>>,
  options: { following: boolean },
): TraceHighlight {
  const own = steps.filter((s) => s.scenarioId === doc.id);
  const visitedNodes = new Set<string>();
  const visitedEdges = new Set<string>();
  for (const step of own) {
    visitedNodes.add(step.nodeId);
    if (step.exit) visitedEdges.add(edgeId(step.nodeId, step.exit));
  }
  const last = own.at(-1);
  // A step is reported when it ends: while the first one runs (its prompt plays) the call is at the start.
  let activeNodeId = last?.nodeId ?? (options.following && doc.start !== undefined ? doc.start : null);
  if (last && options.following && last.exit) {
    const target = doc.nodes.find((n) => n.id === last.nodeId)?.exits[last.exit];
    if (target && doc.nodes.some((n) => n.id === target)) activeNodeId = target;
  }
  return { activeNodeId, visitedNodes, visitedEdges };
}

/** The variables as of step `index` (inclusive): every change up to it, in order. */
export function variablesAt(steps: readonly TraceStep[], index: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i <= index && i < steps.length; i++) Object.assign(out, steps[i]!.changed);
  return out;
}
