/**
 * Generated scenarios for the validator and engine benchmarks. Every generated document is valid
 * against the real catalog (the benchmark asserts it), so the validator runs all of its checks.
 */
import type { ScenarioDocumentInput } from '../../packages/scenario-schema/src/index.js';

type NodeInput = ScenarioDocumentInput['nodes'][number];

const VARIABLES = ['counter', 'total', 'flag', 'label'] as const;

/**
 * An IVR scenario of `size` nodes: answer, then a chain that cycles through assign, condition,
 * play (with a template), input, sql and log, and ends with `end`. Each node's exits are wired, so
 * nothing is unreachable and no required exit is left open.
 */
export function generatedScenario(size: number): ScenarioDocumentInput {
  if (size < 3) throw new Error('a generated scenario has at least 3 nodes');
  const nodes: NodeInput[] = [];
  const id = (i: number) => `n${i}`;
  nodes.push({ id: id(0), type: 'answer', typeVersion: 1, params: {}, exits: { ok: id(1) } });
  for (let i = 1; i < size - 1; i++) {
    const next = id(i + 1);
    switch (i % 6) {
      case 1:
        nodes.push({
          id: id(i),
          type: 'assign',
          typeVersion: 1,
          params: {
            assignments: [
              { variable: 'counter', value: 'counter + 1' },
              { variable: 'total', value: 'total + counter * 2' },
            ],
          },
          exits: { ok: next },
        });
        break;
      case 2:
        nodes.push({
          id: id(i),
          type: 'condition',
          typeVersion: 1,
          params: { when: 'counter % 2 == 0 && total > 10' },
          exits: { true: next, false: next },
        });
        break;
      case 3:
        nodes.push({
          id: id(i),
          type: 'play',
          typeVersion: 1,
          params: { prompt: { tts: 'Step {{ counter }} of {{ total }}, caller {{ call.callerId }}.' } },
          exits: { ok: next },
        });
        break;
      case 4:
        nodes.push({
          id: id(i),
          type: 'input',
          typeVersion: 1,
          params: { prompt: { file: 'enter-digit' }, maxDigits: 1, into: 'label' },
          exits: { ok: next, noinput: next, invalid: next },
        });
        break;
      case 5:
        nodes.push({
          id: id(i),
          type: 'sql',
          typeVersion: 1,
          params: {
            connection: 'shop',
            query: 'SELECT total FROM accounts WHERE id = @label',
            map: { total: 'total' },
          },
          exits: { ok: next, empty: next, error: next },
        });
        break;
      default:
        nodes.push({
          id: id(i),
          type: 'log',
          typeVersion: 1,
          params: { level: 'info', message: 'at {{ counter }} flag {{ flag }}' },
          exits: { ok: next },
        });
    }
  }
  nodes.push({ id: id(size - 1), type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} });
  const layout: Record<string, { x: number; y: number }> = {};
  nodes.forEach((node, i) => (layout[node.id] = { x: (i % 20) * 260, y: Math.floor(i / 20) * 160 }));
  return {
    format: 'ivr-scenario/1',
    id: `generated-${size}`,
    name: `Generated ${size}`,
    kind: 'main',
    variables: [
      { name: VARIABLES[0], type: 'int', scope: 'run', initial: 0 },
      { name: VARIABLES[1], type: 'int', scope: 'run', initial: 0 },
      { name: VARIABLES[2], type: 'bool', scope: 'run', initial: false },
      { name: VARIABLES[3], type: 'string', scope: 'run', initial: '' },
    ],
    start: id(0),
    nodes,
    layout,
  };
}

/**
 * A loop of `size` flow nodes with no I/O for the engine: assign and condition nodes in turn, the
 * last one leading back to the first. maxPasses is set on every node so a long run is allowed.
 */
export function engineLoopScenario(size: number, maxPasses: number): ScenarioDocumentInput {
  const nodes: NodeInput[] = [];
  const id = (i: number) => `s${i}`;
  for (let i = 0; i < size; i++) {
    const next = id((i + 1) % size);
    if (i % 2 === 0) {
      nodes.push({
        id: id(i),
        type: 'assign',
        typeVersion: 1,
        params: { assignments: [{ variable: 'counter', value: 'counter + 1' }] },
        exits: { ok: next },
        maxPasses,
      });
    } else {
      nodes.push({
        id: id(i),
        type: 'condition',
        typeVersion: 1,
        params: { when: 'counter % 2 == 0' },
        exits: { true: next, false: next },
        maxPasses,
      });
    }
  }
  return {
    format: 'ivr-scenario/1',
    id: `engine-loop-${size}`,
    name: `Engine loop ${size}`,
    kind: 'service',
    variables: [{ name: 'counter', type: 'int', scope: 'run', initial: 0 }],
    start: id(0),
    nodes,
  };
}
