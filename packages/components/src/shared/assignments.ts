import { z } from 'zod';
import { t } from './text.js';
import { ui } from './ui.js';
import { variableName } from './fields.js';

/** One assignment: a declared variable and the CEL expression whose value it receives. */
export const assignmentSchema = z.strictObject({
  variable: variableName(t('Variable', 'Переменная', 'Variable')),
  value: z
    .string()
    .min(1)
    .max(10_000)
    .meta(ui({ widget: 'expression', label: t('Value', 'Значение', 'Valor'), expressionType: 'dyn' })),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** Assignments run in order, so a later one sees the values of the earlier ones. */
export const assignmentsSchema = z.array(assignmentSchema).max(200);

export const ASSIGNMENT_PATHS = {
  expressions: { 'assignments[].value': 'dyn' },
  variableTargets: ['assignments[].variable'],
} as const;
