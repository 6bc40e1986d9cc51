import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { choice, count, flag, seconds, variableName } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const lotParam = () =>
  z
    .string()
    .min(1)
    .max(64)
    .default('default')
    .meta(ui({ widget: 'text', label: t('Parking lot', 'Парковка', 'Aparcamiento') }));

export const parkParams = z
  .strictObject({
    lot: lotParam(),
    firstSlot: count(711, t('First slot', 'Первое место', 'Primera plaza'), { min: 0, max: 999_999 }),
    lastSlot: count(715, t('Last slot', 'Последнее место', 'Última plaza'), { min: 0, max: 999_999 }),
    announce: flag(true, t('Announce the slot', 'Назвать номер места', 'Anunciar la plaza'), {
      help: t(
        'Speaks the slot number to the party who parked the call.',
        'Произносит номер места тому, кто запарковал звонок.',
        'Dice el número de plaza a quien aparcó la llamada.',
      ),
    }),
    timeout: seconds(120, t('Parked at most', 'Максимум на парковке', 'Aparcada como máximo'), { min: 5, max: 3600 }),
    onTimeout: choice(['return', 'exit'], 'return', t('On timeout', 'По тайм-ауту', 'Al agotar el tiempo'), {
      return: t('Ring the parker again', 'Вернуть парковавшему', 'Volver a llamar a quien aparcó'),
      exit: t('Take the "timeout" exit', 'Перейти по выходу «тайм-аут»', 'Salir por «tiempo agotado»'),
    }),
    into: variableName(t('Slot into', 'Место в', 'Plaza en'), { advanced: true }).optional(),
  })
  .refine((p) => p.lastSlot >= p.firstSlot, { message: 'lastSlot must not be below firstSlot', path: ['lastSlot'] });
export type ParkParams = z.infer<typeof parkParams>;

export const parkDefinition: ComponentDefinition<ParkParams> = {
  type: 'park',
  typeVersion: 1,
  category: 'call',
  icon: 'square-parking',
  title: t('Park call', 'Парковка звонка', 'Aparcar llamada'),
  help: t(
    'Puts the call on hold in a free slot of the lot and announces the slot; anyone can pick it up by dialing the slot. After the timeout the call rings the parker again or leaves by "timeout".',
    'Ставит звонок на удержание в свободное место парковки и называет номер места; забрать звонок можно, набрав этот номер. По тайм-ауту звонок возвращается парковавшему или уходит по выходу «тайм-аут».',
    'Pone la llamada en espera en una plaza libre y anuncia la plaza; cualquiera la recoge marcando ese número. Al agotar el tiempo vuelve a quien la aparcó o sale por «tiempo agotado».',
  ),
  params: parkParams,
  exits: (params) => [
    exit('picked', 'optional'),
    ...(params.onTimeout === 'exit' ? [exit('timeout', 'required')] : [exit('returned', 'optional')]),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'call',
  variableTargets: ['into'],
  waits: true,
  implemented: true,
};
