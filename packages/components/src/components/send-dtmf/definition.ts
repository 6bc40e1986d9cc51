import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { seconds, template } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const sendDtmfParams = z.strictObject({
  /** 0-9, *, #, A-D; `w` pauses 0.5 s and `W` 1 s (FreeSWITCH send_dtmf). */
  digits: template(t('Digits', 'Цифры', 'Dígitos'), { placeholder: '1w234#' }, 1),
  toneDuration: seconds(
    0.1,
    t('Tone length', 'Длительность тона', 'Duración del tono'),
    { min: 0.04, max: 1 },
    { advanced: true },
  ),
});
export type SendDtmfParams = z.infer<typeof sendDtmfParams>;

export const sendDtmfDefinition: ComponentDefinition<SendDtmfParams> = {
  type: 'send-dtmf',
  typeVersion: 1,
  category: 'call',
  icon: 'grid-3x3',
  title: t('Send DTMF', 'Отправить DTMF', 'Enviar DTMF'),
  help: t(
    'Sends DTMF tones on the call, e.g. to reach an extension behind another IVR.',
    'Отправляет тоны DTMF в звонок, например чтобы набрать добавочный за чужим IVR.',
    'Envía tonos DTMF en la llamada, p. ej. para llegar a una extensión tras otro IVR.',
  ),
  params: sendDtmfParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'answered',
  implemented: true,
};
