import { createCatalog, type ComponentDefinition, type ExitDefinition, type LocalizedText } from '@ivr/scenario-schema';
import { z } from 'zod';

// A small, fixed catalog for the API tests, so they do not shift with the real catalog's evolution.
const text = (en: string): LocalizedText => ({ en, ru: en, es: en });
const exit = (id: string, wiring: ExitDefinition['wiring'] = 'required'): ExitDefinition => ({
  id,
  label: text(id),
  wiring,
});
const base = { typeVersion: 1, icon: 'circle', help: text('test'), implemented: true } as const;

const definitions: ComponentDefinition[] = [
  {
    ...base,
    type: 'play',
    category: 'call',
    title: text('Play'),
    params: z.object({ tts: z.string() }).strict(),
    exits: [exit('ok')],
    kinds: ['main', 'ivr'],
    precondition: 'answered',
    waits: true,
  },
  {
    ...base,
    type: 'sub-scenario',
    category: 'flow',
    title: text('Sub-scenario'),
    params: z.object({ scenario: z.string() }).strict(),
    exits: [exit('ok'), exit('error', 'error')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'none',
    scenarioRefs: ['scenario'],
  },
  {
    ...base,
    type: 'end',
    category: 'flow',
    title: text('End'),
    params: z.object({}).strict(),
    exits: [],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'none',
    terminal: true,
  },
];

export const testCatalog = createCatalog(definitions);

/** A valid scenario: play a greeting, then end; optionally call another scenario first. */
export function scenarioDoc(
  id: string,
  options: { kind?: 'main' | 'ivr' | 'service'; name?: string; calls?: string; text?: string } = {},
) {
  const kind = options.kind ?? 'main';
  const nodes: Record<string, unknown>[] = [];
  if (options.calls)
    nodes.push({
      id: 'call',
      type: 'sub-scenario',
      typeVersion: 1,
      params: { scenario: options.calls },
      exits: { ok: kind === 'service' ? 'bye' : 'hello' },
    });
  if (kind !== 'service')
    nodes.push({
      id: 'hello',
      type: 'play',
      typeVersion: 1,
      params: { tts: options.text ?? 'Hello' },
      exits: { ok: 'bye' },
    });
  nodes.push({ id: 'bye', type: 'end', typeVersion: 1, params: {}, exits: {} });
  return {
    format: 'ivr-scenario/1',
    id,
    name: options.name ?? `Scenario ${id}`,
    kind,
    start: nodes[0]!.id as string,
    nodes,
    layout: {},
  };
}
