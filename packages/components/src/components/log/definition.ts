import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { choice, template } from '../../shared/fields.js';
import { exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const logParams = z.strictObject({
  level: choice(['debug', 'info', 'warn', 'error'], 'info', t('Level', 'Уровень', 'Nivel'), {
    debug: t('Debug', 'Отладка', 'Depuración'),
    info: t('Info', 'Информация', 'Información'),
    warn: t('Warning', 'Предупреждение', 'Advertencia'),
    error: t('Error', 'Ошибка', 'Error'),
  }),
  message: template(t('Message', 'Сообщение', 'Mensaje'), {}, 1),
});
export type LogParams = z.infer<typeof logParams>;

export const logDefinition: ComponentDefinition<LogParams> = {
  type: 'log',
  typeVersion: 1,
  category: 'flow',
  icon: 'scroll-text',
  title: t('Log', 'Журнал', 'Registro'),
  help: t(
    "Writes a message to the runtime log and the run's trace. Sensitive variables are redacted.",
    'Пишет сообщение в журнал сервера и трассировку выполнения. Чувствительные переменные скрываются.',
    'Escribe un mensaje en el registro del servidor y en la traza de la ejecución. Las variables sensibles se ocultan.',
  ),
  params: logParams,
  exits: [exit('ok', 'required')],
  kinds: ALL_KINDS,
  precondition: 'none',
  implemented: true,
};
