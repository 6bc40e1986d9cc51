import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { hangupCause } from '../../shared/telephony.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const hangupParams = z.strictObject({
  cause: hangupCause(),
});
export type HangupParams = z.infer<typeof hangupParams>;

export const hangupDefinition: ComponentDefinition<HangupParams> = {
  type: 'hangup',
  typeVersion: 1,
  category: 'call',
  icon: 'phone-off',
  title: t('Hang up', 'Положить трубку', 'Colgar'),
  help: t(
    "Ends the call with the given cause; the scenario's onHangup branch runs next, if there is one.",
    'Завершает звонок с указанной причиной; затем выполняется ветка onHangup сценария, если она есть.',
    'Termina la llamada con la causa indicada; después se ejecuta la rama onHangup del escenario, si existe.',
  ),
  params: hangupParams,
  exits: [],
  kinds: ALL_KINDS,
  precondition: 'call',
  terminal: true,
  implemented: true,
};
