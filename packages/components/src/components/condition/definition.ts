import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { expression } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const conditionParams = z.strictObject({
  when: expression('bool', t('Condition', 'Условие', 'Condición'), {
    placeholder: "callCount == 0 && call.callerId.startsWith('+79')",
  }),
});
export type ConditionParams = z.infer<typeof conditionParams>;

export const conditionDefinition: ComponentDefinition<ConditionParams> = {
  type: 'condition',
  typeVersion: 1,
  category: 'flow',
  icon: 'git-branch',
  title: t('Condition', 'Условие', 'Condición'),
  help: t(
    'Evaluates a CEL condition and goes to "true" or "false".',
    'Вычисляет условие на CEL и переходит по выходу «истина» или «ложь».',
    'Evalúa una condición CEL y sale por «verdadero» o «falso».',
  ),
  params: conditionParams,
  exits: [exit('true', 'required'), exit('false', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { when: 'bool' },
  implemented: true,
};
