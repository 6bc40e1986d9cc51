import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { expressionMap, template } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

/** Both sides name the same channel; a template lets a run address one conversation, e.g. `callback-{{ runId }}`. */
export const channelParam = () =>
  template(
    t('Channel', 'Канал', 'Canal'),
    {
      help: t(
        'A name the sender and the receiver agree on.',
        'Имя, о котором договорились отправитель и получатель.',
        'Un nombre acordado entre emisor y receptor.',
      ),
    },
    1,
  );

export const messageSendParams = z.strictObject({
  channel: channelParam(),
  payload: expressionMap(t('Payload', 'Содержимое', 'Contenido'), t('Field', 'Поле', 'Campo')),
});
export type MessageSendParams = z.infer<typeof messageSendParams>;

export const messageSendDefinition: ComponentDefinition<MessageSendParams> = {
  type: 'message-send',
  typeVersion: 1,
  category: 'flow',
  icon: 'send',
  title: t('Send message', 'Отправить сообщение', 'Enviar mensaje'),
  help: t(
    'Sends a message with fields to running scenarios waiting on the channel (or to the next one that waits).',
    'Отправляет сообщение с полями сценариям, ожидающим на канале (или следующему, кто начнёт ждать).',
    'Envía un mensaje con campos a los escenarios que esperan en el canal (o al próximo que espere).',
  ),
  params: messageSendParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { 'payload.*': 'dyn' },
  implemented: true,
};
