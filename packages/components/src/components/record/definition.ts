import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { choice, dtmfKeys, flag, seconds, variableName } from '../../shared/fields.js';
import { promptParam } from '../../shared/prompt.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const recordParams = z.strictObject({
  prompt: promptParam(t('Prompt', 'Сообщение', 'Mensaje')).optional(),
  beep: flag(true, t('Beep before recording', 'Сигнал перед записью', 'Pitido antes de grabar')),
  maxLength: seconds(120, t('Max length', 'Макс. длительность', 'Duración máx.'), { min: 1, max: 3600 }),
  silenceTimeout: seconds(5, t('Stop after silence', 'Остановить после тишины', 'Parar tras silencio'), {
    min: 0,
    max: 60,
  }),
  terminators: dtmfKeys('#', t('Finish keys', 'Клавиши завершения', 'Teclas de fin')),
  format: choice(
    ['wav', 'mp3'],
    'wav',
    t('Format', 'Формат', 'Formato'),
    {
      wav: t('WAV', 'WAV', 'WAV'),
      mp3: t('MP3', 'MP3', 'MP3'),
    },
    { advanced: true },
  ),
  /** Receives the recording's name in the runtime's file store (attach it to an e-mail, keep it in SQL). */
  into: variableName(t('Recording into', 'Запись в', 'Grabación en')),
});
export type RecordParams = z.infer<typeof recordParams>;

export const recordDefinition: ComponentDefinition<RecordParams> = {
  type: 'record',
  typeVersion: 1,
  category: 'call',
  icon: 'mic',
  title: t('Record message', 'Записать сообщение', 'Grabar mensaje'),
  help: t(
    'Records what the caller says, after an optional prompt and beep, until a finish key, silence or the max length. "No input" when nothing was said.',
    'Записывает, что говорит звонящий, после необязательного сообщения и сигнала — до клавиши завершения, тишины или предельной длительности. «Нет ввода», если ничего не сказано.',
    'Graba lo que dice el llamante, tras un mensaje y pitido opcionales, hasta una tecla de fin, silencio o la duración máxima. «Sin entrada» si no dijo nada.',
  ),
  params: recordParams,
  exits: [exit('ok', 'required'), exit('noinput', 'error'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'answered',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
