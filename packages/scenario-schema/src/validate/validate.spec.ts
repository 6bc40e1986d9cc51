import { describe, expect, it } from 'vitest';
import type { ScenarioDocumentInput } from '../document.js';
import { testCatalog } from '../testing/test-catalog.js';
import type { DiagnosticCode } from './diagnostics.js';
import { validate } from './validate.js';

function orderStatus(): ScenarioDocumentInput {
  return {
    format: 'ivr-scenario/1',
    id: 'order-status',
    name: 'Order status',
    kind: 'ivr',
    variables: [
      { name: 'orderId', type: 'string', scope: 'run' },
      { name: 'status', type: 'string', scope: 'run' },
    ],
    start: 'ask',
    onError: 'sorry',
    nodes: [
      {
        id: 'ask',
        type: 'input',
        typeVersion: 1,
        params: { prompt: { tts: 'Enter your order number.' }, maxDigits: 10, into: 'orderId' },
        exits: { ok: 'lookup', noinput: 'sorry' },
      },
      {
        id: 'lookup',
        type: 'sql',
        typeVersion: 1,
        params: {
          query: 'SELECT status FROM orders WHERE id = @orderId -- {{ not a template }}',
          map: { status: 'status' },
        },
        exits: { ok: 'tell', empty: 'sorry' },
      },
      {
        id: 'tell',
        type: 'play',
        typeVersion: 1,
        params: { prompt: { tts: 'Order {{ orderId }} is {{ status }}.' } },
        exits: { ok: 'bye' },
      },
      { id: 'sorry', type: 'play', typeVersion: 1, params: { prompt: { tts: 'Sorry.' } }, exits: { ok: 'bye' } },
      { id: 'bye', type: 'end', typeVersion: 1, params: {}, exits: {} },
    ],
    layout: { ask: { x: 0, y: 0 } },
  };
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function codesOf(doc: unknown): DiagnosticCode[] {
  return validate(doc, testCatalog).map((d) => d.code);
}

function mutate(change: (doc: Mutable) => void): Mutable {
  const doc = structuredClone(orderStatus()) as Mutable;
  change(doc);
  return doc;
}

describe('validate', () => {
  it('accepts a correct scenario without any diagnostic', () => {
    expect(validate(orderStatus(), testCatalog)).toEqual([]);
  });

  it.each<[string, (doc: Mutable) => void, DiagnosticCode, string?]>([
    ['unknown format', (d) => (d.format = 'ivr-scenario/9'), 'format-unsupported', '/format'],
    ['old format', (d) => (d.format = 'ivr-scenario/0'), 'format-unsupported', '/format'],
    ['missing name', (d) => delete d.name, 'schema-invalid', '/name'],
    ['unknown top-level field', (d) => (d.colour = 'red'), 'schema-invalid', ''],
    ['duplicate node id', (d) => (d.nodes[1].id = 'ask'), 'duplicate-node-id', '/nodes/1/id'],
    ['duplicate variable', (d) => d.variables.push({ name: 'status', type: 'int', scope: 'run' }), 'duplicate-name'],
    [
      'reserved variable name',
      (d) => d.variables.push({ name: 'call', type: 'string', scope: 'run' }),
      'reserved-name',
    ],
    [
      'initial value of the wrong type',
      (d) => (d.variables[0].initial = 5),
      'initial-value-type',
      '/variables/0/initial',
    ],
    ['returns an undeclared name', (d) => (d.returns = ['nope']), 'return-undeclared', '/returns/0'],
    ['start names no node', (d) => (d.start = 'nowhere'), 'start-missing', '/start'],
    ['onHangup names no node', (d) => (d.onHangup = 'nowhere'), 'handler-missing', '/onHangup'],
    ['exit to a missing node', (d) => (d.nodes[2].exits.ok = 'ghost'), 'exit-target-missing', '/nodes/2/exits/ok'],
    ['unknown component', (d) => (d.nodes[4].type = 'fax'), 'unknown-component', '/nodes/4/type'],
    ['unknown version', (d) => (d.nodes[4].typeVersion = 7), 'unknown-component-version', '/nodes/4/typeVersion'],
    ['bad params', (d) => (d.nodes[0].params.maxDigits = 'ten'), 'params-invalid', '/nodes/0/params/maxDigits'],
    ['unknown exit', (d) => (d.nodes[2].exits.busy = 'bye'), 'unknown-exit', '/nodes/2/exits/busy'],
    ['unconnected exit', (d) => delete d.nodes[2].exits.ok, 'exit-unconnected', '/nodes/2/exits/ok'],
    ['template syntax', (d) => (d.nodes[2].params.prompt.tts = 'Order {{ orderId +'), 'expression-syntax'],
    ['template variable', (d) => (d.nodes[2].params.prompt.tts = 'Order {{ orderNo }}'), 'undefined-variable'],
    ['template type', (d) => (d.nodes[2].params.prompt.tts = '{{ orderId + 1 }}'), 'expression-type'],
    [
      'undeclared target',
      (d) => (d.nodes[0].params.into = 'order'),
      'variable-target-undeclared',
      '/nodes/0/params/into',
    ],
    [
      'undeclared map target',
      (d) => (d.nodes[1].params.map = { status: 'state' }),
      'variable-target-undeclared',
      '/nodes/1/params/map/status',
    ],
  ])('%s -> %s', (_name, change, code, path) => {
    const diagnostics = validate(mutate(change), testCatalog);
    const found = diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(diagnostics)).toBeDefined();
    expect(found!.severity).toBe('error');
    if (path !== undefined) expect(found!.path).toBe(path);
  });

  it('reports the node id with node diagnostics', () => {
    const diagnostics = validate(
      mutate((d) => (d.nodes[2].params.prompt.tts = '{{ nope }}')),
      testCatalog,
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'undefined-variable', nodeId: 'tell', path: '/nodes/2/params/prompt/tts' }),
    ]);
  });

  it('checks conditions against their expected type', () => {
    const doc = mutate((d) => {
      d.nodes.push({
        id: 'check',
        type: 'condition',
        typeVersion: 1,
        params: { when: 'orderId' },
        exits: { true: 'bye', false: 'bye' },
      });
      d.nodes[2].exits.ok = 'check';
    });
    expect(codesOf(doc)).toEqual(['expression-type']);
  });

  it('warns about unreachable nodes and unknown layout entries', () => {
    const doc = mutate((d) => {
      d.nodes.push({ id: 'lonely', type: 'end', typeVersion: 1, params: {}, exits: {} });
      d.layout.ghost = { x: 1, y: 1 };
    });
    const diagnostics = validate(doc, testCatalog);
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'unreachable-node'],
      ['warning', 'layout-unknown-node'],
    ]);
  });

  it('warns where a component has no executor yet', () => {
    const doc = mutate((d) => {
      d.nodes.push({ id: 'beam', type: 'teleport', typeVersion: 1, params: {}, exits: {} });
      d.nodes[3].exits.ok = 'beam';
    });
    expect(validate(doc, testCatalog).map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'component-not-implemented'],
    ]);
  });

  it('refuses a component outside its kinds', () => {
    const doc = mutate((d) => {
      d.nodes.push({
        id: 'call-out',
        type: 'dial',
        typeVersion: 1,
        params: { number: '100' },
        exits: { answered: 'bye' },
      });
      d.nodes[3].exits.ok = 'call-out';
    });
    expect(codesOf(doc)).toEqual(['component-kind-not-allowed']);
  });

  it('finds loops that never wait, and accepts guarded ones', () => {
    const loop = (maxPasses?: number) =>
      mutate((d) => {
        d.variables.push({ name: 'n', type: 'int', scope: 'run', initial: 0 });
        d.nodes.push(
          {
            id: 'inc',
            type: 'assign',
            typeVersion: 1,
            params: { set: [{ variable: 'n', value: 'n + 1' }] },
            exits: { ok: 'more' },
          },
          {
            id: 'more',
            type: 'condition',
            typeVersion: 1,
            params: { when: 'n < 10' },
            exits: { true: 'inc', false: 'bye' },
            ...(maxPasses ? { maxPasses } : {}),
          },
        );
        d.nodes[3].exits.ok = 'inc';
      });
    const diagnostics = validate(loop(), testCatalog);
    expect(diagnostics.map((d) => d.code)).toEqual(['loop-without-wait']);
    expect(diagnostics[0]!.nodeId).toBe('inc');
    expect(validate(loop(20), testCatalog)).toEqual([]);
  });

  it('accepts a retry loop through a waiting component', () => {
    const doc = mutate((d) => (d.nodes[0].exits.noinput = 'ask'));
    expect(validate(doc, testCatalog)).toEqual([]);
  });

  it('requires an answered dial before call components in a service scenario', () => {
    const service = (viaDial: boolean): ScenarioDocumentInput => ({
      format: 'ivr-scenario/1',
      id: 'reminder',
      name: 'Reminder',
      kind: 'service',
      start: 'gate',
      variables: [{ name: 'vip', type: 'bool', scope: 'run' }],
      nodes: [
        {
          id: 'gate',
          type: 'condition',
          typeVersion: 1,
          params: { when: 'vip' },
          exits: { true: 'dial', false: viaDial ? 'dial' : 'speak' },
        },
        {
          id: 'dial',
          type: 'dial',
          typeVersion: 1,
          params: { number: '100' },
          exits: { answered: 'speak', failed: 'done' },
        },
        { id: 'speak', type: 'play', typeVersion: 1, params: { prompt: { tts: 'Hello' } }, exits: { ok: 'done' } },
        { id: 'done', type: 'end', typeVersion: 1, params: {}, exits: {} },
      ],
    });
    expect(validate(service(true), testCatalog)).toEqual([]);
    const diagnostics = validate(service(false), testCatalog);
    expect(diagnostics.map((d) => [d.code, d.nodeId])).toEqual([['call-precondition', 'speak']]);
  });

  it('refuses call components after hangup', () => {
    const doc = mutate((d) => {
      d.onHangup = 'goodbye';
      d.nodes.push({
        id: 'goodbye',
        type: 'play',
        typeVersion: 1,
        params: { prompt: { tts: 'Bye' } },
        exits: { ok: 'bye' },
      });
    });
    expect(codesOf(doc)).toEqual(['call-component-in-hangup-handler']);
  });

  it('checks scenario references when told which scenarios exist', () => {
    const doc = mutate((d) => {
      d.nodes.push({
        id: 'sub',
        type: 'sub-scenario',
        typeVersion: 1,
        params: { scenario: 'billing' },
        exits: { ok: 'bye' },
      });
      d.nodes[3].exits.ok = 'sub';
    });
    expect(validate(doc, testCatalog)).toEqual([]);
    expect(validate(doc, testCatalog, { scenarioExists: (id) => id === 'other' }).map((d) => d.code)).toEqual([
      'scenario-ref-missing',
    ]);
  });

  it('never throws on things that are not scenarios', () => {
    for (const input of [null, undefined, 42, 'text', [], [1, 2], { format: 'ivr-scenario/1' }, { nodes: 'x' }]) {
      const diagnostics = validate(input, testCatalog);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
    }
  });
});
