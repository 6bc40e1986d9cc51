import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { template } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';
import { lotParam } from '../park/definition.js';

export const pickupParams = z.strictObject({
  lot: lotParam(),
  /** Usually the dialed number: a pickup route sends 711-715 here. */
  slot: template(t('Slot', 'Место', 'Plaza'), {}, 1),
});
export type PickupParams = z.infer<typeof pickupParams>;

export const pickupDefinition: ComponentDefinition<PickupParams> = {
  type: 'pickup',
  typeVersion: 1,
  category: 'call',
  icon: 'hand',
  title: t('Pick up parked call', 'Забрать с парковки', 'Recoger llamada aparcada'),
  help: t(
    'Connects this call to the call parked in the slot. "Nothing found" when the slot is empty.',
    'Соединяет этот звонок со звонком, стоящим на указанном месте парковки. «Ничего не найдено», если место пусто.',
    'Conecta esta llamada con la aparcada en la plaza. «Sin resultados» si la plaza está vacía.',
  ),
  params: pickupParams,
  exits: [exit('ok', 'optional'), exit('empty', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'call',
  waits: true,
  implemented: true,
};
