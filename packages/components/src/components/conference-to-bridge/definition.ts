import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { seconds } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';
import { conferenceRoomParam } from '../conference/definition.js';

export const conferenceToBridgeParams = z.strictObject({
  room: conferenceRoomParam(),
  /** 0 checks once; otherwise waits until exactly two members remain. */
  waitTimeout: seconds(0, t('Wait for two members', 'Ждать, пока останутся двое', 'Esperar a que queden dos'), {
    min: 0,
    max: 86_400,
  }),
});
export type ConferenceToBridgeParams = z.infer<typeof conferenceToBridgeParams>;

export const conferenceToBridgeDefinition: ComponentDefinition<ConferenceToBridgeParams> = {
  type: 'conference-to-bridge',
  typeVersion: 1,
  category: 'call',
  icon: 'merge',
  title: t('Conference to bridge', 'Конференция в разговор', 'Conferencia a puente'),
  help: t(
    'When exactly two members remain in the room, bridges them directly and closes the conference, saving its media resources.',
    'Когда в комнате остаются ровно два участника, соединяет их напрямую и закрывает конференцию, экономя её медиаресурсы.',
    'Cuando quedan exactamente dos miembros en la sala, los une directamente y cierra la conferencia, ahorrando sus recursos.',
  ),
  params: conferenceToBridgeParams,
  exits: [exit('ok', 'required'), exit('not-ready', 'required'), ERROR_EXIT],
  kinds: ALL_KINDS,
  // Works through the switch control port on any room, so a service scenario may run it.
  precondition: 'none',
  waits: true,
  implemented: true,
};
