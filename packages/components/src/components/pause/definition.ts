import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { seconds } from '../../shared/fields.js';
import { exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const pauseParams = z.strictObject({
  duration: seconds(1, t('Duration', 'Длительность', 'Duración'), { min: 0, max: 86_400 }),
});
export type PauseParams = z.infer<typeof pauseParams>;

export const pauseDefinition: ComponentDefinition<PauseParams> = {
  type: 'pause',
  typeVersion: 1,
  category: 'flow',
  icon: 'hourglass',
  title: t('Pause', 'Пауза', 'Pausa'),
  help: t(
    'Waits for the given number of seconds (silence on a call).',
    'Ждёт заданное число секунд (на звонке — тишина).',
    'Espera el número de segundos indicado (silencio en una llamada).',
  ),
  params: pauseParams,
  exits: [exit('ok', 'required')],
  kinds: ALL_KINDS,
  precondition: 'none',
  waits: true,
  implemented: true,
};
