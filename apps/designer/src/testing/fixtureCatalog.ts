/**
 * A small catalog for the designer's own tests, shaped like @ivr/components' definitions (zod params
 * with `ui` metadata, static and derived exits), so the tests do not move with the real catalog.
 */
import { z } from 'zod';
import { createCatalog, type ComponentDefinition, type ScenarioDocument } from '@ivr/scenario-schema';

const t = (en: string) => ({ en, ru: `${en} (ru)`, es: `${en} (es)` });
const exit = (id: string, wiring: 'required' | 'error' | 'optional' = 'required') => ({ id, label: t(id), wiring });

export const playDefinition: ComponentDefinition = {
  type: 'play',
  typeVersion: 1,
  category: 'call',
  icon: 'volume-2',
  title: t('Play'),
  help: t('Plays a prompt'),
  params: z.strictObject({
    tts: z
      .string()
      .min(1)
      .meta({ ui: { widget: 'template', label: t('Text') } }),
    bargeIn: z
      .boolean()
      .default(true)
      .meta({ ui: { widget: 'boolean', label: t('Barge in') } }),
  }) as never,
  exits: [exit('ok'), exit('error', 'error')],
  kinds: ['main', 'ivr'],
  precondition: 'answered',
  implemented: true,
};

const menuParams = z.strictObject({
  options: z
    .array(z.strictObject({ key: z.enum(['1', '2', '3']), label: z.string().optional() }))
    .min(1)
    .default([{ key: '1' }])
    .meta({ ui: { widget: 'list', label: t('Options') } }),
  timeout: z
    .number()
    .min(1)
    .max(60)
    .default(5)
    .meta({ ui: { widget: 'duration', label: t('Timeout') } }),
});

export const menuDefinition: ComponentDefinition = {
  type: 'menu',
  typeVersion: 1,
  category: 'call',
  icon: 'list-ordered',
  title: t('Menu'),
  help: t('A menu'),
  params: menuParams as never,
  exits: ((params: z.infer<typeof menuParams>) => [
    ...params.options.map((o) => exit(`digit-${o.key}`)),
    exit('noinput', 'error'),
  ]) as never,
  kinds: ['main', 'ivr'],
  precondition: 'answered',
  waits: true,
  implemented: true,
};

export const conditionDefinition: ComponentDefinition = {
  type: 'condition',
  typeVersion: 1,
  category: 'flow',
  icon: 'git-branch',
  title: t('Condition'),
  help: t('Branches'),
  params: z.strictObject({
    when: z
      .string()
      .min(1)
      .meta({ ui: { widget: 'expression', label: t('Condition'), expressionType: 'bool' } }),
  }) as never,
  exits: [exit('true'), exit('false')],
  kinds: ['main', 'ivr', 'service'],
  precondition: 'none',
  expressions: { when: 'bool' },
  implemented: true,
};

export const cardDefinition: ComponentDefinition = {
  type: 'card-capture',
  typeVersion: 1,
  category: 'payments',
  icon: 'credit-card',
  title: t('Card capture'),
  help: t('PCI'),
  params: z.strictObject({ amount: z.string().default('0') }) as never,
  exits: [exit('approved'), exit('declined')],
  kinds: ['ivr'],
  precondition: 'answered',
  sensitive: true,
  implemented: false,
};

export const fixtureCatalog = createCatalog([
  playDefinition,
  menuDefinition,
  conditionDefinition,
  cardDefinition,
] as unknown as Parameters<typeof createCatalog>[0]);

export function emptyDocument(kind: ScenarioDocument['kind'] = 'ivr'): ScenarioDocument {
  return {
    format: 'ivr-scenario/1',
    id: 'test',
    name: 'Test',
    kind,
    params: [],
    returns: [],
    variables: [{ name: 'orderId', type: 'string', scope: 'run' }],
    start: 'start',
    nodes: [],
    layout: {},
  };
}
