import { z } from 'zod';
import { createCatalog, type ComponentDefinition, type ExitDefinition } from '../catalog.js';
import type { LocalizedText } from '../i18n.js';

// A small catalog for the package's own tests; the real one lives in @ivr/components.
const text = (en: string): LocalizedText => ({ en, ru: en, es: en });
const exit = (id: string, wiring: ExitDefinition['wiring'] = 'required'): ExitDefinition => ({
  id,
  label: text(id),
  wiring,
});
const base = { typeVersion: 1, icon: 'circle', help: text('test'), implemented: true } as const;

const prompt = z.object({ tts: z.string().optional(), file: z.string().optional() }).strict();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition is typed by its own params
export const testDefinitions: ComponentDefinition<any>[] = [
  {
    ...base,
    type: 'play',
    category: 'call',
    title: text('Play'),
    params: z.object({ prompt }).strict(),
    exits: [exit('ok')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'answered',
    waits: true,
  },
  {
    ...base,
    type: 'input',
    category: 'call',
    title: text('Input'),
    params: z.object({ prompt, maxDigits: z.number().int().min(1).max(64).default(1), into: z.string() }).strict(),
    exits: [exit('ok'), exit('noinput', 'optional'), exit('invalid', 'optional')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'answered',
    variableTargets: ['into'],
    waits: true,
  },
  {
    ...base,
    type: 'menu',
    category: 'call',
    title: text('Menu'),
    params: z.object({ prompt, options: z.array(z.object({ digit: z.string().regex(/^[0-9*#]$/) })).min(1) }).strict(),
    exits: (params: { options: Array<{ digit: string }> }) => [
      ...params.options.map((o) => exit(`digit-${o.digit === '*' ? 'star' : o.digit === '#' ? 'hash' : o.digit}`)),
      exit('timeout', 'optional'),
    ],
    kinds: ['main', 'ivr'],
    precondition: 'answered',
    waits: true,
  },
  {
    ...base,
    type: 'condition',
    category: 'flow',
    title: text('Condition'),
    params: z.object({ when: z.string() }).strict(),
    exits: [exit('true'), exit('false')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'none',
    expressions: { when: 'bool' },
  },
  {
    ...base,
    type: 'assign',
    category: 'flow',
    title: text('Assign'),
    params: z.object({ set: z.array(z.object({ variable: z.string(), value: z.string() })) }).strict(),
    exits: [exit('ok')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'none',
    expressions: { 'set[].value': 'dyn' },
    variableTargets: ['set[].variable'],
  },
  {
    ...base,
    type: 'log',
    category: 'flow',
    title: text('Log'),
    params: z.object({ message: z.string() }).strict(),
    exits: [exit('ok', 'optional')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'none',
  },
  {
    ...base,
    type: 'sql',
    category: 'data',
    title: text('SQL'),
    params: z.object({ query: z.string(), map: z.record(z.string(), z.string()).default({}) }).strict(),
    exits: [exit('ok'), exit('empty', 'optional'), exit('error', 'error')],
    kinds: ['main', 'ivr', 'service'],
    precondition: 'none',
    literals: ['query'],
    variableTargets: ['map.*'],
  },
  {
    ...base,
    type: 'dial',
    category: 'call',
    title: text('Dial'),
    params: z.object({ number: z.string() }).strict(),
    exits: [exit('answered'), exit('failed', 'optional')],
    kinds: ['service'],
    precondition: 'none',
    establishesCall: ['answered'],
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
  {
    ...base,
    type: 'teleport',
    category: 'call',
    title: text('Not built yet'),
    params: z.object({}).strict(),
    exits: [exit('ok', 'optional')],
    kinds: ['main', 'ivr'],
    precondition: 'call',
    implemented: false,
  },
];

export const testCatalog = createCatalog(testDefinitions);
