import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { count, expressionMap, scenarioRef, seconds, variableName } from '../../shared/fields.js';
import { callerIdSchema, dialTargetSchema } from '../../shared/telephony.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';
import { clockTime, timeZoneParam, WEEKDAYS, weekdays } from '../../shared/calendar.js';

/** When calls may be placed; outside it the attempt waits for the next opening. */
export const callWindowSchema = z.strictObject({
  timeZone: timeZoneParam(),
  days: weekdays(t('Days', 'Дни', 'Días')).default([...WEEKDAYS]),
  from: clockTime(t('From', 'С', 'Desde')).default('09:00'),
  to: clockTime(t('To', 'До', 'Hasta')).default('21:00'),
});

export const callbackParams = z.strictObject({
  target: dialTargetSchema.meta(ui({ widget: 'object', label: t('Call', 'Кому звонить', 'Llamar a') })),
  /** An IVR scenario run on the answered call. */
  scenario: scenarioRef(t('Scenario when answered', 'Сценарий после ответа', 'Escenario al contestar')),
  args: expressionMap(t('Parameters', 'Параметры', 'Parámetros'), t('Parameter', 'Параметр', 'Parámetro')),
  delay: seconds(0, t('Call after', 'Позвонить через', 'Llamar tras'), { min: 0, max: 30 * 86_400 }),
  window: callWindowSchema
    .optional()
    .meta(ui({ widget: 'object', label: t('Calling window', 'Окно обзвона', 'Ventana de llamadas') })),
  attempts: count(3, t('Attempts', 'Попыток', 'Intentos'), { min: 1, max: 20 }),
  retryInterval: seconds(300, t('Between attempts', 'Между попытками', 'Entre intentos'), { min: 10, max: 86_400 }),
  ringTimeout: seconds(30, t('Ring timeout', 'Время ожидания ответа', 'Tiempo de timbre'), { min: 1, max: 600 }),
  callerId: callerIdSchema.optional(),
  /** Receives the id of the scheduled job (to cancel or inspect it). */
  into: variableName(t('Job id into', 'Id задания в', 'Id de tarea en'), { advanced: true }).optional(),
});
export type CallbackParams = z.infer<typeof callbackParams>;

export const callbackDefinition: ComponentDefinition<CallbackParams> = {
  type: 'callback',
  typeVersion: 1,
  category: 'call',
  icon: 'phone-call',
  title: t('Callback', 'Обратный звонок', 'Devolución de llamada'),
  help: t(
    'Schedules an outbound call for later, with attempts and a calling window; when answered, it runs the chosen IVR scenario. The scenario goes on at once.',
    'Планирует исходящий звонок на потом, с попытками и окном обзвона; после ответа запускается выбранный IVR-сценарий. Текущий сценарий продолжается сразу.',
    'Programa una llamada saliente para más tarde, con intentos y una ventana de llamadas; al contestar ejecuta el escenario IVR elegido. El escenario continúa de inmediato.',
  ),
  params: callbackParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { 'args.*': 'dyn' },
  variableTargets: ['into'],
  scenarioRefs: ['scenario'],
  implemented: true,
};
