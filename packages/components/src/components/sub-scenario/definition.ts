import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { expressionMap, scenarioRef, variableMap } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const subScenarioParams = z.strictObject({
  scenario: scenarioRef(t('Scenario', 'Сценарий', 'Escenario')),
  /** Param name of the called scenario -> CEL expression for its value. */
  args: expressionMap(t('Parameters', 'Параметры', 'Parámetros'), t('Parameter', 'Параметр', 'Parámetro')),
  /** Return value name of the called scenario -> variable here. */
  map: variableMap(
    t('Return values', 'Возвращаемые значения', 'Valores de retorno'),
    t('Returned', 'Возвращаемое', 'Devuelto'),
  ),
});
export type SubScenarioParams = z.infer<typeof subScenarioParams>;

export const subScenarioDefinition: ComponentDefinition<SubScenarioParams> = {
  type: 'sub-scenario',
  typeVersion: 1,
  category: 'flow',
  icon: 'square-function',
  title: t('Sub-scenario', 'Подсценарий', 'Subescenario'),
  help: t(
    'Runs another scenario like a function: passes parameters, waits for it to end and copies its return values into variables. An IVR scenario shares the current call.',
    'Выполняет другой сценарий как функцию: передаёт параметры, ждёт завершения и копирует возвращённые значения в переменные. IVR-сценарий работает с текущим звонком.',
    'Ejecuta otro escenario como una función: pasa parámetros, espera a que termine y copia sus valores de retorno en variables. Un escenario IVR comparte la llamada actual.',
  ),
  params: subScenarioParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { 'args.*': 'dyn' },
  variableTargets: ['map.*'],
  scenarioRefs: ['scenario'],
  implemented: true,
};
