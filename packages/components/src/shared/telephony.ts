/** Param shapes shared by the components that place or end calls. */
import { z } from 'zod';
import { t } from './text.js';
import { ui } from './ui.js';
import { optionalSeconds, template } from './fields.js';

/** Q.850 causes a scenario may hang up with (FreeSWITCH names). */
export const HANGUP_CAUSES = [
  'NORMAL_CLEARING',
  'USER_BUSY',
  'NO_ANSWER',
  'CALL_REJECTED',
  'UNALLOCATED_NUMBER',
  'NORMAL_TEMPORARY_FAILURE',
  'SERVICE_UNAVAILABLE',
] as const;
export type HangupCause = (typeof HANGUP_CAUSES)[number];

export function hangupCause() {
  return z
    .enum(HANGUP_CAUSES)
    .default('NORMAL_CLEARING')
    .meta(ui({ widget: 'select', label: t('Hangup cause', 'Причина отбоя', 'Causa de colgado'), advanced: true }));
}

export const callerIdSchema = z
  .strictObject({
    number: template(t('Caller number', 'Номер звонящего', 'Número llamante')).optional(),
    name: template(t('Caller name', 'Имя звонящего', 'Nombre llamante')).optional(),
  })
  .meta(
    ui({
      widget: 'object',
      label: t('Caller ID', 'Caller ID (АОН)', 'Identificador de llamada'),
      help: t(
        'Presented to the called party; empty keeps the current caller ID.',
        'Показывается вызываемой стороне; если пусто, сохраняется текущий номер.',
        'Se muestra al destino; vacío conserva el identificador actual.',
      ),
    }),
  );

export const DIAL_TARGET_TYPES = ['number', 'extension', 'group', 'gateway', 'uri'] as const;

/**
 * Where a call goes. number: routed by the switch's outbound rules; extension: a registered user;
 * group: a named group of extensions from the runtime; gateway: `value` dialed through `gateway`;
 * uri: a raw SIP URI or FreeSWITCH dial string.
 */
export const dialTargetSchema = z
  .strictObject({
    type: z
      .enum(DIAL_TARGET_TYPES)
      .default('number')
      .meta(
        ui({
          widget: 'select',
          label: t('Target type', 'Тип назначения', 'Tipo de destino'),
          options: {
            number: t('Phone number', 'Телефонный номер', 'Número de teléfono'),
            extension: t('Extension', 'Внутренний номер', 'Extensión'),
            group: t('Group', 'Группа', 'Grupo'),
            gateway: t('Via gateway', 'Через шлюз', 'Por pasarela'),
            uri: t('SIP URI', 'SIP URI', 'URI SIP'),
          },
        }),
      ),
    value: template(t('Destination', 'Назначение', 'Destino'), {}, 1),
    gateway: z
      .string()
      .min(1)
      .optional()
      .meta(ui({ widget: 'text', label: t('Gateway', 'Шлюз', 'Pasarela'), visibleWhen: { type: ['gateway'] } })),
    /** Overrides the node's ring timeout for this target (sequential hunting). */
    ringTimeout: optionalSeconds(t('Ring timeout', 'Время ожидания ответа', 'Tiempo de timbre'), { min: 1, max: 600 }),
  })
  .refine((target) => target.type !== 'gateway' || target.gateway !== undefined, {
    message: 'a gateway target needs a gateway name',
    path: ['gateway'],
  });

export type DialTarget = z.infer<typeof dialTargetSchema>;
