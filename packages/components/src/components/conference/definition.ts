import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { flag, template } from '../../shared/fields.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const conferenceRoomParam = () => template(t('Room', 'Комната', 'Sala'), {}, 1);

export const conferenceParams = z.strictObject({
  room: conferenceRoomParam(),
  profile: z
    .string()
    .min(1)
    .max(64)
    .default('default')
    .meta(
      ui({
        widget: 'text',
        label: t('Conference profile', 'Профиль конференции', 'Perfil de conferencia'),
        advanced: true,
      }),
    ),
  moderator: flag(false, t('Moderator', 'Модератор', 'Moderador')),
  muted: flag(false, t('Join muted', 'Войти без микрофона', 'Entrar silenciado')),
  deaf: flag(
    false,
    t('Join deaf (hears nothing)', 'Войти без звука (ничего не слышит)', 'Entrar sordo (no oye nada)'),
    { advanced: true },
  ),
  endOnExit: flag(
    false,
    t('End the conference when leaving', 'Завершить конференцию при выходе', 'Terminar la conferencia al salir'),
  ),
  waitForModerator: flag(false, t('Wait for a moderator', 'Ждать модератора', 'Esperar a un moderador')),
  pin: template(t('PIN', 'PIN-код', 'PIN'), { advanced: true }).optional(),
});
export type ConferenceParams = z.infer<typeof conferenceParams>;

export const conferenceDefinition: ComponentDefinition<ConferenceParams> = {
  type: 'conference',
  typeVersion: 1,
  category: 'call',
  icon: 'users',
  title: t('Conference', 'Конференция', 'Conferencia'),
  help: t(
    'Joins the call to a conference room with the chosen flags. When the caller leaves the room, the scenario goes on by "OK".',
    'Подключает звонок к конференц-комнате с выбранными флагами. Когда звонящий выходит из комнаты, сценарий продолжается по выходу «успешно».',
    'Une la llamada a una sala de conferencia con las opciones elegidas. Cuando el llamante sale de la sala, el escenario sigue por «OK».',
  ),
  params: conferenceParams,
  exits: [exit('ok', 'optional'), ERROR_EXIT],
  kinds: ALL_KINDS,
  precondition: 'answered',
  waits: true,
  implemented: true,
};
