import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { headersParam, seconds, variableName } from '../../shared/fields.js';
import { callerIdSchema, dialTargetSchema } from '../../shared/telephony.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';

export const dialParams = z.strictObject({
  target: dialTargetSchema.meta(ui({ widget: 'object', label: t('Call', 'Кому звонить', 'Llamar a') })),
  ringTimeout: seconds(30, t('Ring timeout', 'Время ожидания ответа', 'Tiempo de timbre'), { min: 1, max: 600 }),
  callerId: callerIdSchema.optional(),
  headers: headersParam(t('SIP headers', 'SIP-заголовки', 'Cabeceras SIP')),
  /** Receives the call's id (uuid) for logs and CDR lookups. */
  into: variableName(t('Call id into', 'Id звонка в', 'Id de llamada en'), { advanced: true }).optional(),
});
export type DialParams = z.infer<typeof dialParams>;

export const dialDefinition: ComponentDefinition<DialParams> = {
  type: 'dial',
  typeVersion: 1,
  category: 'call',
  icon: 'phone-outgoing',
  title: t('Dial', 'Позвонить', 'Marcar'),
  help: t(
    'Places an outbound call from a service scenario and waits for the answer; after "answered" the call components can be used on that call.',
    'Совершает исходящий звонок из сервисного сценария и ждёт ответа; после выхода «отвечен» с этим звонком работают компоненты звонка.',
    'Realiza una llamada saliente desde un escenario de servicio y espera la respuesta; tras «contestada» se pueden usar los componentes de llamada.',
  ),
  params: dialParams,
  exits: [
    exit('answered', 'required'),
    exit('busy', 'error'),
    exit('noanswer', 'error'),
    exit('failed', 'error'),
    ERROR_EXIT,
  ],
  kinds: ['service'],
  precondition: 'none',
  variableTargets: ['into'],
  waits: true,
  establishesCall: ['answered'],
  implemented: true,
};
