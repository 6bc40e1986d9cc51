import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, template } from '../../shared/fields.js';
import { ASSIGNMENT_PATHS, assignmentsSchema } from '../../shared/assignments.js';
import { hangupCause } from '../../shared/telephony.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const endParams = z.strictObject({
  action: choice(['return', 'hangup'], 'return', t('Action', 'Действие', 'Acción'), {
    return: t(
      'Return (to the calling scenario, or end the run)',
      'Вернуться (в вызвавший сценарий или завершить)',
      'Volver (al escenario llamante o terminar)',
    ),
    hangup: t('Hang up the call', 'Положить трубку', 'Colgar la llamada'),
  }),
  cause: hangupCause().meta(
    ui({
      widget: 'select',
      label: t('Hangup cause', 'Причина отбоя', 'Causa de colgado'),
      visibleWhen: { action: ['hangup'] },
    }),
  ),
  /** Recorded as the run's outcome: a campaign stores it as the contact's result. */
  result: template(t('Result', 'Результат', 'Resultado'), {
    help: t(
      'Short outcome of the run, e.g. "confirmed"; campaigns store it per contact.',
      'Краткий итог выполнения, например «confirmed»; кампании сохраняют его для каждого контакта.',
      'Resultado breve de la ejecución, p. ej. «confirmed»; las campañas lo guardan por contacto.',
    ),
  }).optional(),
  /** Set just before ending, so return values can be computed in place. */
  assignments: assignmentsSchema.default([]).meta(
    ui({
      widget: 'list',
      label: t('Set before ending', 'Присвоить перед завершением', 'Asignar antes de terminar'),
      advanced: true,
    }),
  ),
});
export type EndParams = z.infer<typeof endParams>;

export const endDefinition: ComponentDefinition<EndParams> = {
  type: 'end',
  typeVersion: 1,
  category: 'flow',
  icon: 'circle-stop',
  title: t('End', 'Конец', 'Fin'),
  help: t(
    "Ends the run. In a sub-scenario it returns to the caller with the scenario's return variables; with 'hang up' it also ends the call.",
    'Завершает выполнение. В подсценарии возвращает управление вызвавшему сценарию вместе с возвращаемыми переменными; в режиме «положить трубку» также завершает звонок.',
    "Termina la ejecución. En un subescenario vuelve al llamante con las variables de retorno; con 'colgar' también termina la llamada.",
  ),
  params: endParams,
  exits: [],
  kinds: ALL_KINDS,
  precondition: 'none',
  ...ASSIGNMENT_PATHS,
  terminal: true,
  implemented: true,
};
