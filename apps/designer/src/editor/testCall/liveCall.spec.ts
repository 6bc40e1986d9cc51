import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '@ivr/scenario-schema';
import {
  initialLiveCall,
  liveCallReducer,
  traceHighlight,
  transcriptLine,
  variablesAt,
  type LiveAction,
  type LiveCallState,
  type LiveEvent,
  type TraceStep,
} from './liveCall';
import { bridgeTargets } from './bridgeTargets';

const CALL = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const step = (
  nodeId: string,
  exit: string | null,
  changed: Record<string, unknown> = {},
  runId = 'run-1',
): TraceStep => ({
  runId,
  scenarioId: 'menu',
  seq: 0,
  nodeId,
  exit,
  changed,
});

const run = (actions: LiveAction[], from: LiveCallState = initialLiveCall) => actions.reduce(liveCallReducer, from);
const ev = (event: LiveEvent): LiveAction => ({ type: 'event', event });

describe('live call reducer', () => {
  it('keeps the events that came before the call id and replays those of this call', () => {
    const state = run([
      { type: 'placing' },
      ev({ type: 'call.ringing', callId: CALL }),
      ev({ type: 'call.ringing', callId: OTHER }),
      ev({ type: 'run.started', runId: 'run-1', scenarioId: 'menu', callId: CALL }),
      ev({ type: 'run.started', runId: 'run-2', scenarioId: 'menu', callId: OTHER }),
      ev({ type: 'node.entered', step: step('welcome', 'next', {}, 'run-2') }),
      { type: 'placed', callId: CALL },
    ]);
    expect(state.callId).toBe(CALL);
    // The scenario started: the call is in progress even without an answer event (early media).
    expect(state.status).toBe('answered');
    expect(state.runIds).toEqual(['run-1']);
    expect(state.steps).toEqual([]);
    expect(state.pending).toEqual([]);
  });

  it('turns media plays into transcript lines, steps into the path and the variables', () => {
    const state = run([
      { type: 'placing' },
      { type: 'placed', callId: CALL },
      ev({ type: 'call.answered', callId: CALL }),
      ev({ type: 'run.started', runId: 'run-1', scenarioId: 'menu', callId: CALL }),
      ev({
        type: 'media',
        callId: CALL,
        activity: { type: 'play', kind: 'tts', target: 'say:', text: 'Welcome', durationMs: 900 },
      }),
      ev({ type: 'media', callId: OTHER, activity: { type: 'play', kind: 'tts', text: 'Not mine' } }),
      ev({ type: 'media', callId: CALL, activity: { type: 'play-end', status: 'done' } }),
      ev({ type: 'node.entered', callId: CALL, step: step('ask', 'ok', { choice: '1', card: '[redacted]' }) }),
      ev({ type: 'node.entered', step: step('check', 'yes', { choice: '2' }) }),
      ev({ type: 'media', callId: CALL, activity: { type: 'bridge-attempt', target: '200' } }),
      ev({ type: 'media', callId: CALL, activity: { type: 'bridge-failed', target: '200', cause: 'USER_BUSY' } }),
      ev({ type: 'call.ended', callId: CALL, cause: 'NORMAL_CLEARING' }),
    ]);
    expect(state.status).toBe('ended');
    expect(state.hangupCause).toBe('NORMAL_CLEARING');
    expect(state.transcript).toEqual([
      { kind: 'prompt', text: 'Welcome', media: 'tts', durationMs: 900 },
      { kind: 'bridge-attempt', target: '200' },
      { kind: 'bridge-failed', target: '200', cause: 'USER_BUSY' },
      { kind: 'ended', cause: 'NORMAL_CLEARING' },
    ]);
    expect(state.steps.map((s) => s.nodeId)).toEqual(['ask', 'check']);
    // The sensitive value stays as the runtime masked it.
    expect(state.variables).toEqual({ choice: '2', card: '[redacted]' });
  });

  it('ignores events while idle and after a reset', () => {
    expect(run([ev({ type: 'call.answered', callId: CALL })])).toBe(initialLiveCall);
    expect(run([{ type: 'placing' }, { type: 'placed', callId: CALL }, { type: 'reset' }])).toBe(initialLiveCall);
  });

  it('reads files and silence in media activity', () => {
    expect(transcriptLine({ type: 'play', kind: 'file', target: 'ivr/welcome.wav' })).toEqual({
      kind: 'prompt',
      text: 'ivr/welcome.wav',
      media: 'file',
    });
    expect(transcriptLine({ type: 'play', kind: 'silence', target: 'silence_stream://100' })).toBeNull();
    expect(transcriptLine({ type: 'answer' })).toBeNull();
  });
});

const doc = {
  id: 'menu',
  nodes: [
    { id: 'ask', type: 'input', typeVersion: 1, params: {}, exits: { ok: 'check' } },
    { id: 'check', type: 'condition', typeVersion: 1, params: {}, exits: { yes: 'bye' } },
    { id: 'bye', type: 'play', typeVersion: 1, params: {}, exits: {} },
  ],
} as unknown as Pick<ScenarioDocument, 'id' | 'nodes'>;

describe('trace highlight', () => {
  const steps = [step('ask', 'ok'), step('check', 'yes')];

  it('follows the call to where the last exit leads, marking the nodes and wires passed', () => {
    const h = traceHighlight(steps, doc, { following: true });
    expect(h.activeNodeId).toBe('bye');
    expect([...h.visitedNodes]).toEqual(['ask', 'check']);
    expect([...h.visitedEdges]).toEqual(['ask:ok', 'check:yes']);
  });

  it('stays on the last step once the call is over, and skips other scenarios', () => {
    const h = traceHighlight([...steps, { ...step('sub-node', 'done'), scenarioId: 'other' }], doc, {
      following: false,
    });
    expect(h.activeNodeId).toBe('check');
    expect(h.visitedNodes.has('sub-node')).toBe(false);
  });

  it('points at the start node while the first step runs', () => {
    expect(traceHighlight([], { ...doc, start: 'ask' }, { following: true }).activeNodeId).toBe('ask');
    expect(traceHighlight([], { ...doc, start: 'ask' }, { following: false }).activeNodeId).toBeNull();
  });

  it('computes variables as of a step', () => {
    const all = [step('a', 'x', { n: 1, s: 'a' }), step('b', 'x', { n: 2 }), step('c', 'x', { t: true })];
    expect(variablesAt(all, 1)).toEqual({ n: 2, s: 'a' });
    expect(variablesAt(all, -1)).toEqual({});
  });
});

describe('bridge targets', () => {
  it('lists literal numbers the scenario dials', () => {
    const targets = bridgeTargets({
      nodes: [
        {
          id: 'op',
          type: 'switch-call',
          typeVersion: 1,
          params: {
            targets: [
              { type: 'number', value: '200' },
              { type: 'number', value: '{{vars.agent}}' },
            ],
          },
          exits: {},
        },
        {
          id: 'd',
          type: 'dial',
          typeVersion: 1,
          params: { target: { type: 'number', value: '+79161234567' } },
          exits: {},
        },
        { id: 't', type: 'transfer', typeVersion: 1, params: { destination: '300' }, exits: {} },
        { id: 'p', type: 'play', typeVersion: 1, params: { destination: '999' }, exits: {} },
      ],
    } as unknown as Pick<ScenarioDocument, 'nodes'>);
    expect(targets).toEqual(['200', '+79161234567', '300']);
  });
});
