import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { count, dtmfKeys, flag, variableName } from '../../shared/fields.js';
import { promptParam } from '../../shared/prompt.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const playParams = z.strictObject({
  prompt: promptParam(t('Prompt', 'Сообщение', 'Mensaje')),
  repeat: count(1, t('Times', 'Повторов', 'Veces'), { min: 1, max: 20 }, { advanced: true }),
  /** A key press stops playback; the key is kept in `into` for the next node (e.g. a menu). */
  bargeIn: flag(false, t('Keys interrupt', 'Прерывать нажатием', 'Interrumpir con teclas')),
  bargeInKeys: dtmfKeys('0123456789*#', t('Interrupting keys', 'Прерывающие клавиши', 'Teclas que interrumpen'), {
    visibleWhen: { bargeIn: [true] },
    advanced: true,
  }),
  into: variableName(t('Pressed key into', 'Нажатую клавишу в', 'Tecla pulsada en'), {
    visibleWhen: { bargeIn: [true] },
  }).optional(),
});
export type PlayParams = z.infer<typeof playParams>;

export const playDefinition: ComponentDefinition<PlayParams> = {
  type: 'play',
  typeVersion: 1,
  category: 'call',
  icon: 'volume-2',
  title: t('Play', 'Проиграть', 'Reproducir'),
  help: t(
    'Plays a prompt: an audio file, text to speech, a number, amount or date spoken by the switch, or a tone. With barge-in a key press stops it.',
    'Проигрывает сообщение: аудиофайл, синтез речи, число, сумму или дату голосом станции, или тональный сигнал. С прерыванием нажатие клавиши останавливает воспроизведение.',
    'Reproduce un mensaje: un archivo de audio, texto a voz, un número, importe o fecha dicho por la centralita, o un tono. Con interrupción, una tecla lo detiene.',
  ),
  params: playParams,
  exits: [exit('ok', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'answered',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
