import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { connectionName, flag, template } from '../../shared/fields.js';
import { exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

const ADDRESSES_HELP = t(
  'Separate addresses with commas.',
  'Адреса через запятую.',
  'Separe las direcciones con comas.',
);

export const emailParams = z.strictObject({
  connection: connectionName('smtp'),
  to: template(t('To', 'Кому', 'Para'), { help: ADDRESSES_HELP }, 1),
  cc: template(t('Cc', 'Копия', 'Cc'), { help: ADDRESSES_HELP, advanced: true }).optional(),
  bcc: template(t('Bcc', 'Скрытая копия', 'Cco'), { help: ADDRESSES_HELP, advanced: true }).optional(),
  /** The connection's default sender when absent. */
  from: template(t('From', 'От', 'De'), { advanced: true }).optional(),
  subject: template(t('Subject', 'Тема', 'Asunto'), {}, 1),
  body: z
    .string()
    .max(100_000)
    .default('')
    .meta(ui({ widget: 'template', label: t('Body', 'Текст письма', 'Cuerpo') })),
  html: flag(false, t('HTML body', 'Текст в HTML', 'Cuerpo HTML'), { advanced: true }),
  /** A name in the runtime's file store, e.g. the variable a record node filled. */
  attachment: template(t('Attachment', 'Вложение', 'Adjunto'), { placeholder: '{{ voicemail }}' }).optional(),
});
export type EmailParams = z.infer<typeof emailParams>;

export const emailDefinition: ComponentDefinition<EmailParams> = {
  type: 'email',
  typeVersion: 1,
  category: 'messaging',
  icon: 'mail',
  title: t('Send e-mail', 'Отправить e-mail', 'Enviar correo'),
  help: t(
    'Sends an e-mail through an SMTP connection, optionally with a file such as a voice message attached.',
    'Отправляет письмо через SMTP-подключение, при необходимости с вложением, например голосовым сообщением.',
    'Envía un correo por una conexión SMTP, opcionalmente con un archivo adjunto, como un mensaje de voz.',
  ),
  params: emailParams,
  exits: [exit('sent', 'required'), exit('failed', 'error')],
  kinds: ALL_KINDS,
  precondition: 'none',
  waits: true,
  implemented: true,
};
