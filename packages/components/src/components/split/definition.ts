import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, EXIT_ID } from '../../shared/fields.js';
import { userExit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const splitBranchSchema = z.strictObject({
  id: z
    .string()
    .regex(EXIT_ID, 'lower-case letters, digits, _ or -')
    .meta(ui({ widget: 'text', label: t('Exit id', 'Идентификатор выхода', 'Id de salida') })),
  label: z
    .string()
    .max(100)
    .optional()
    .meta(ui({ widget: 'text', label: t('Label', 'Подпись', 'Etiqueta') })),
  /** Relative share; in `percentage` mode the weights must add up to 100. */
  weight: z
    .number()
    .min(0)
    .max(100)
    .default(50)
    .meta(ui({ widget: 'number', label: t('Weight, %', 'Доля, %', 'Peso, %'), visibleWhen: { mode: ['percentage'] } })),
});

export const splitParams = z
  .strictObject({
    mode: choice(['percentage', 'random'], 'percentage', t('Mode', 'Режим', 'Modo'), {
      percentage: t('By percentage', 'По процентам', 'Por porcentaje'),
      random: t('Evenly at random', 'Случайно поровну', 'Al azar, por igual'),
    }),
    branches: z
      .array(splitBranchSchema)
      .min(2)
      .max(20)
      .refine((branches) => new Set(branches.map((b) => b.id)).size === branches.length, {
        message: 'branch ids must be unique',
      })
      .default([
        { id: 'a', weight: 50 },
        { id: 'b', weight: 50 },
      ])
      .meta(ui({ widget: 'list', label: t('Branches', 'Ветви', 'Ramas') })),
  })
  .refine((p) => p.mode !== 'percentage' || Math.abs(p.branches.reduce((sum, b) => sum + b.weight, 0) - 100) < 1e-9, {
    message: 'percentages must add up to 100',
    path: ['branches'],
  });
export type SplitParams = z.infer<typeof splitParams>;

export const splitDefinition: ComponentDefinition<SplitParams> = {
  type: 'split',
  typeVersion: 1,
  category: 'flow',
  icon: 'shuffle',
  title: t('Split', 'Распределение', 'Reparto'),
  help: t(
    'Picks one branch at random, evenly or by percentage (A/B tests, load sharing).',
    'Случайно выбирает одну ветвь — поровну или по процентам (A/B-тесты, распределение нагрузки).',
    'Elige una rama al azar, por igual o por porcentaje (pruebas A/B, reparto de carga).',
  ),
  params: splitParams,
  exits: (params) => params.branches.map((b) => userExit(b.id, b.label, 'required')),
  kinds: ALL_KINDS,
  precondition: 'none',
  implemented: true,
};
