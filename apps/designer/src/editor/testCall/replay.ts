/** Stepping through a finished call's trace: a cursor over its steps, pure so it is easy to test. */
import type { ScenarioDocument } from '@ivr/scenario-schema';
import { traceHighlight, variablesAt, type TraceHighlight, type TraceStep } from './liveCall';

export interface ReplayState {
  steps: readonly TraceStep[];
  /** The step shown; -1 before the first (nothing highlighted). */
  index: number;
}

export type ReplayMove = 'start' | 'back' | 'forward' | 'end';

export function startReplay(steps: readonly TraceStep[]): ReplayState {
  return { steps, index: steps.length > 0 ? 0 : -1 };
}

export function moveReplay(state: ReplayState, move: ReplayMove): ReplayState {
  const last = state.steps.length - 1;
  const index =
    move === 'start'
      ? Math.min(0, last)
      : move === 'end'
        ? last
        : move === 'back'
          ? Math.max(Math.min(0, last), state.index - 1)
          : Math.min(last, state.index + 1);
  return index === state.index ? state : { ...state, index };
}

export function seekReplay(state: ReplayState, index: number): ReplayState {
  const clamped = Math.max(Math.min(0, state.steps.length - 1), Math.min(state.steps.length - 1, index));
  return clamped === state.index ? state : { ...state, index: clamped };
}

/** The canvas highlight at the cursor: the step's node, the path up to it. */
export function replayHighlight(state: ReplayState, doc: Pick<ScenarioDocument, 'id' | 'nodes'>): TraceHighlight {
  const upTo = state.steps.slice(0, state.index + 1);
  const highlight = traceHighlight(upTo, doc, { following: false });
  const current = state.steps[state.index];
  return { ...highlight, activeNodeId: current && current.scenarioId === doc.id ? current.nodeId : null };
}

export function replayVariables(state: ReplayState): Record<string, unknown> {
  return variablesAt(state.steps, state.index);
}
