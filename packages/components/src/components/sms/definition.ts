import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { connectionName, flag, seconds, template, variableName } from '../../shared/fields.js';
import { exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const smsParams = z.strictObject({
  connection: connectionName('sms'),
  to: template(t('To', 'Кому', 'Para'), { placeholder: '{{ call.callerId }}' }, 1),
  text: template(t('Text', 'Текст', 'Texto'), {}, 1),
  /** Sender name or number; the connection's default when absent. */
  from: template(t('From', 'Отправитель', 'Remitente'), { advanced: true }).optional(),
  /** Wait for the delivery receipt instead of the provider's acceptance. */
  waitForDelivery: flag(false, t('Wait for delivery', 'Ждать доставки', 'Esperar la entrega'), { advanced: true }),
  timeout: seconds(30, t('Timeout', 'Тайм-аут', 'Tiempo de espera'), { min: 1, max: 3600 }, { advanced: true }),
  into: variableName(t('Message id into', 'Id сообщения в', 'Id de mensaje en'), { advanced: true }).optional(),
});
export type SmsParams = z.infer<typeof smsParams>;

export const smsDefinition: ComponentDefinition<SmsParams> = {
  type: 'sms',
  typeVersion: 1,
  category: 'messaging',
  icon: 'message-square',
  title: t('Send SMS', 'Отправить SMS', 'Enviar SMS'),
  help: t(
    'Sends a text message through an SMS connection (SMPP or HTTP provider).',
    'Отправляет текстовое сообщение через SMS-подключение (SMPP или HTTP-провайдер).',
    'Envía un mensaje de texto por una conexión SMS (SMPP o proveedor HTTP).',
  ),
  params: smsParams,
  exits: [exit('sent', 'required'), exit('failed', 'error')],
  kinds: ALL_KINDS,
  precondition: 'none',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
