import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { EXIT_ID } from '../../shared/fields.js';
import { ERROR_EXIT, exit, userExit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

const RESERVED_EXITS = new Set(['other', 'error']);

export const switchCaseSchema = z.strictObject({
  /** Becomes the exit id, so it must stay stable once wired. */
  id: z
    .string()
    .regex(EXIT_ID, 'lower-case letters, digits, _ or -')
    .refine((id) => !RESERVED_EXITS.has(id), { message: '"other" and "error" are reserved exit ids' })
    .meta(ui({ widget: 'text', label: t('Exit id', 'Идентификатор выхода', 'Id de salida') })),
  label: z
    .string()
    .max(100)
    .optional()
    .meta(ui({ widget: 'text', label: t('Label', 'Подпись', 'Etiqueta') })),
  when: z
    .string()
    .min(1)
    .max(10_000)
    .meta(ui({ widget: 'expression', label: t('When', 'Когда', 'Cuando'), expressionType: 'bool' })),
});

export const switchParams = z.strictObject({
  cases: z
    .array(switchCaseSchema)
    .min(1)
    .max(50)
    .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, { message: 'case ids must be unique' })
    .meta(
      ui({
        widget: 'list',
        label: t('Cases', 'Варианты', 'Casos'),
        help: t(
          'Checked in order; the first case whose condition is true is taken.',
          'Проверяются по порядку; выбирается первый вариант с истинным условием.',
          'Se evalúan en orden; se toma el primer caso cuya condición sea verdadera.',
        ),
      }),
    ),
});
export type SwitchParams = z.infer<typeof switchParams>;

export const switchDefinition: ComponentDefinition<SwitchParams> = {
  type: 'switch',
  typeVersion: 1,
  category: 'flow',
  icon: 'split',
  title: t('Switch', 'Выбор', 'Selector'),
  help: t(
    'Goes to the exit of the first case whose condition is true, or to "other". A value switch is a list of cases such as status == \'vip\'.',
    "Переходит по выходу первого варианта с истинным условием или по выходу «иначе». Выбор по значению — это список условий вида status == 'vip'.",
    "Sale por el primer caso cuya condición sea verdadera, o por «otro». Para elegir por valor use casos como status == 'vip'.",
  ),
  params: switchParams,
  exits: (params) => [
    ...params.cases.map((c) => userExit(c.id, c.label, 'required')),
    exit('other', 'required'),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { 'cases[].when': 'bool' },
  implemented: true,
};
