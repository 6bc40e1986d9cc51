import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '@ivr/scenario-schema';
import type { TraceStep } from './liveCall';
import { moveReplay, replayHighlight, replayVariables, seekReplay, startReplay } from './replay';

const step = (
  nodeId: string,
  exit: string | null,
  changed: Record<string, unknown>,
  scenarioId = 'menu',
): TraceStep => ({
  runId: 'r',
  scenarioId,
  seq: 0,
  nodeId,
  exit,
  changed,
});

const steps = [
  step('welcome', 'next', {}),
  step('ask', 'ok', { choice: '1' }),
  step('lookup', 'done', { balance: 10 }, 'sub'),
  step('say', 'next', { choice: '2', pin: '[redacted]' }),
];
const doc = {
  id: 'menu',
  nodes: [
    { id: 'welcome', exits: { next: 'ask' } },
    { id: 'ask', exits: { ok: 'say' } },
    { id: 'say', exits: {} },
  ],
} as unknown as Pick<ScenarioDocument, 'id' | 'nodes'>;

describe('replay', () => {
  it('starts at the first step and moves back, forward, to the end and to the start', () => {
    let state = startReplay(steps);
    expect(state.index).toBe(0);
    expect(moveReplay(state, 'back')).toBe(state);
    state = moveReplay(state, 'forward');
    expect(state.index).toBe(1);
    state = moveReplay(state, 'end');
    expect(state.index).toBe(3);
    expect(moveReplay(state, 'forward')).toBe(state);
    state = moveReplay(state, 'back');
    expect(state.index).toBe(2);
    expect(moveReplay(state, 'start').index).toBe(0);
    expect(seekReplay(state, 99).index).toBe(3);
  });

  it('shows the variables as of the step, masked ones as sent', () => {
    let state = startReplay(steps);
    expect(replayVariables(state)).toEqual({});
    state = seekReplay(state, 1);
    expect(replayVariables(state)).toEqual({ choice: '1' });
    state = moveReplay(state, 'end');
    expect(replayVariables(state)).toEqual({ choice: '2', balance: 10, pin: '[redacted]' });
    expect(replayVariables(moveReplay(state, 'back'))).toEqual({ choice: '1', balance: 10 });
  });

  it('highlights the step node and the path up to it; a sub-scenario step highlights nothing', () => {
    let state = seekReplay(startReplay(steps), 1);
    let h = replayHighlight(state, doc);
    expect(h.activeNodeId).toBe('ask');
    expect([...h.visitedNodes]).toEqual(['welcome', 'ask']);
    expect([...h.visitedEdges]).toEqual(['welcome:next', 'ask:ok']);
    state = moveReplay(state, 'forward');
    h = replayHighlight(state, doc);
    expect(h.activeNodeId).toBeNull();
    expect(h.visitedNodes.has('lookup')).toBe(false);
  });

  it('handles a call without steps', () => {
    const state = startReplay([]);
    expect(state.index).toBe(-1);
    expect(moveReplay(state, 'forward')).toBe(state);
    expect(moveReplay(state, 'end')).toBe(state);
    expect(replayHighlight(state, doc).activeNodeId).toBeNull();
  });
});
