import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { ASSIGNMENT_PATHS, assignmentsSchema } from '../../shared/assignments.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const assignParams = z.strictObject({
  assignments: assignmentsSchema.min(1).meta(
    ui({
      widget: 'list',
      label: t('Assignments', 'Присваивания', 'Asignaciones'),
      help: t(
        'Evaluated in order: a later value may use a variable set above it.',
        'Выполняются по порядку: следующее значение может использовать переменную, заданную выше.',
        'Se evalúan en orden: un valor posterior puede usar una variable asignada antes.',
      ),
    }),
  ),
});
export type AssignParams = z.infer<typeof assignParams>;

export const assignDefinition: ComponentDefinition<AssignParams> = {
  type: 'assign',
  typeVersion: 1,
  category: 'flow',
  icon: 'equal',
  title: t('Assign', 'Присвоить', 'Asignar'),
  help: t(
    'Sets variables to the values of CEL expressions.',
    'Присваивает переменным значения выражений CEL.',
    'Asigna a variables los valores de expresiones CEL.',
  ),
  params: assignParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  ...ASSIGNMENT_PATHS,
  implemented: true,
};
