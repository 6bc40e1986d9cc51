import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { seconds, variableMap } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';
import { channelParam } from '../message-send/definition.js';

export const messageWaitParams = z.strictObject({
  channel: channelParam(),
  timeout: seconds(60, t('Timeout', 'Тайм-аут', 'Tiempo de espera'), { min: 0, max: 7 * 86_400 }),
  /** Payload field -> variable. */
  map: variableMap(t('Fields to variables', 'Поля в переменные', 'Campos a variables'), t('Field', 'Поле', 'Campo')),
});
export type MessageWaitParams = z.infer<typeof messageWaitParams>;

export const messageWaitDefinition: ComponentDefinition<MessageWaitParams> = {
  type: 'message-wait',
  typeVersion: 1,
  category: 'flow',
  icon: 'mail-open',
  title: t('Wait for message', 'Ждать сообщение', 'Esperar mensaje'),
  help: t(
    'Waits until a message arrives on the channel and copies its fields into variables.',
    'Ждёт сообщение на канале и копирует его поля в переменные.',
    'Espera un mensaje en el canal y copia sus campos en variables.',
  ),
  params: messageWaitParams,
  exits: [exit('received', 'required'), exit('timeout', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  variableTargets: ['map.*'],
  waits: true,
  implemented: true,
};
