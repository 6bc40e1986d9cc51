import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { expressionMap, scenarioRef, seconds, variableName } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const startServiceParams = z.strictObject({
  scenario: scenarioRef(t('Service scenario', 'Сервисный сценарий', 'Escenario de servicio')),
  args: expressionMap(t('Parameters', 'Параметры', 'Parámetros'), t('Parameter', 'Параметр', 'Parámetro')),
  delay: seconds(0, t('Start after', 'Запустить через', 'Iniciar tras'), { min: 0, max: 30 * 86_400 }),
  /** Receives the id of the started run, to address messages to it. */
  into: variableName(t('Run id into', 'Id запуска в', 'Id de ejecución en'), { advanced: true }).optional(),
});
export type StartServiceParams = z.infer<typeof startServiceParams>;

export const startServiceDefinition: ComponentDefinition<StartServiceParams> = {
  type: 'start-service',
  typeVersion: 1,
  category: 'flow',
  icon: 'rocket',
  title: t('Start service scenario', 'Запустить сервисный сценарий', 'Iniciar escenario de servicio'),
  help: t(
    'Queues a service scenario with parameters and goes on at once, without waiting for it. The start survives a restart.',
    'Ставит в очередь сервисный сценарий с параметрами и сразу продолжает, не дожидаясь его. Запуск сохраняется при перезапуске.',
    'Encola un escenario de servicio con parámetros y continúa de inmediato, sin esperarlo. El inicio sobrevive a un reinicio.',
  ),
  params: startServiceParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { 'args.*': 'dyn' },
  variableTargets: ['into'],
  scenarioRefs: ['scenario'],
  implemented: true,
};
