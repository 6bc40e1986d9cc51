import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { choice, flag, variableName } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const recordCallParams = z.strictObject({
  action: choice(['start', 'stop', 'mask', 'unmask'], 'start', t('Action', 'Действие', 'Acción'), {
    start: t('Start recording', 'Начать запись', 'Iniciar grabación'),
    stop: t('Stop recording', 'Остановить запись', 'Detener grabación'),
    mask: t('Mask (silence) the recording', 'Замаскировать (тишина в записи)', 'Enmascarar (silencio en la grabación)'),
    unmask: t('Unmask the recording', 'Снять маскировку', 'Quitar el enmascarado'),
  }),
  format: choice(
    ['wav', 'mp3'],
    'wav',
    t('Format', 'Формат', 'Formato'),
    {
      wav: t('WAV', 'WAV', 'WAV'),
      mp3: t('MP3', 'MP3', 'MP3'),
    },
    { advanced: true, visibleWhen: { action: ['start'] } },
  ),
  stereo: flag(true, t('Each party on its own channel', 'Стороны в разных каналах', 'Cada parte en su canal'), {
    advanced: true,
    visibleWhen: { action: ['start'] },
  }),
  /** Receives the recording's name in the runtime's file store. */
  into: variableName(t('Recording into', 'Запись в', 'Grabación en'), {
    visibleWhen: { action: ['start'] },
  }).optional(),
});
export type RecordCallParams = z.infer<typeof recordCallParams>;

export const recordCallDefinition: ComponentDefinition<RecordCallParams> = {
  type: 'record-call',
  typeVersion: 1,
  category: 'call',
  icon: 'disc',
  title: t('Record call', 'Запись разговора', 'Grabar llamada'),
  help: t(
    'Starts or stops recording the whole call, or masks it so that sensitive parts are recorded as silence.',
    'Начинает или останавливает запись всего звонка либо маскирует её, чтобы чувствительные фрагменты записались тишиной.',
    'Inicia o detiene la grabación de toda la llamada, o la enmascara para que las partes sensibles queden en silencio.',
  ),
  params: recordCallParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'call',
  variableTargets: ['into'],
  implemented: true,
};
