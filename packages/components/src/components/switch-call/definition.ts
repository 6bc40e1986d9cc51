import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, flag, headersParam, seconds, variableName } from '../../shared/fields.js';
import { callerIdSchema, dialTargetSchema } from '../../shared/telephony.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const switchCallParams = z.strictObject({
  targets: z
    .array(dialTargetSchema)
    .min(1)
    .max(50)
    .meta(ui({ widget: 'list', label: t('Targets', 'Назначения', 'Destinos') })),
  strategy: choice(['sequential', 'simultaneous'], 'sequential', t('Ring', 'Обзвон', 'Timbrar'), {
    sequential: t('One after another', 'По очереди', 'Uno tras otro'),
    simultaneous: t('All at once', 'Все сразу', 'Todos a la vez'),
  }),
  ringTimeout: seconds(30, t('Ring timeout', 'Время ожидания ответа', 'Tiempo de timbre'), { min: 1, max: 600 }),
  callerId: callerIdSchema.optional(),
  headers: headersParam(t('SIP headers', 'SIP-заголовки', 'Cabeceras SIP'), {
    help: t(
      'Sent on the outgoing leg, added to those set by a SIP headers node.',
      'Передаются на исходящее плечо вместе с заданными узлом «SIP-заголовки».',
      'Se envían en el tramo saliente junto con las fijadas por un nodo de cabeceras SIP.',
    ),
  }),
  ringback: choice(
    ['ring', 'music', 'none'],
    'ring',
    t('Caller hears', 'Звонящий слышит', 'El llamante oye'),
    {
      ring: t('Ringing', 'Гудки', 'Tono de llamada'),
      music: t('Music on hold', 'Музыку ожидания', 'Música en espera'),
      none: t('Silence', 'Тишину', 'Silencio'),
    },
    { advanced: true },
  ),
  continueAfterBridge: flag(
    true,
    t('Continue after the conversation', 'Продолжить после разговора', 'Continuar tras la conversación'),
    {
      help: t(
        'On: when the answered party hangs up, the caller goes on through "answered". Off: the call ends with the conversation.',
        'Включено: когда ответивший кладёт трубку, звонящий продолжает по выходу «отвечен». Выключено: звонок заканчивается вместе с разговором.',
        'Activado: cuando cuelga quien contestó, el llamante sigue por «contestada». Desactivado: la llamada termina con la conversación.',
      ),
    },
  ),
  /** Receives the destination that answered. */
  into: variableName(t('Answered by into', 'Ответившего в', 'Quién contestó en'), { advanced: true }).optional(),
});
export type SwitchCallParams = z.infer<typeof switchCallParams>;

export const switchCallDefinition: ComponentDefinition<SwitchCallParams> = {
  type: 'switch-call',
  typeVersion: 1,
  category: 'call',
  icon: 'phone-forwarded',
  title: t('Switch call', 'Соединить', 'Conectar llamada'),
  help: t(
    'Connects the caller to a number, extension, group or gateway, ringing targets one after another or all at once. Busy, no answer and failure each have an exit.',
    'Соединяет звонящего с номером, внутренним абонентом, группой или шлюзом, вызывая назначения по очереди или все сразу. Для «занято», «нет ответа» и сбоя есть отдельные выходы.',
    'Conecta al llamante con un número, extensión, grupo o pasarela, timbrando los destinos uno tras otro o todos a la vez. Ocupado, sin respuesta y fallo tienen su propia salida.',
  ),
  params: switchCallParams,
  exits: (params) => [
    ...(params.continueAfterBridge ? [exit('answered', 'required')] : []),
    exit('busy', 'error'),
    exit('noanswer', 'error'),
    exit('failed', 'error'),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'call',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
