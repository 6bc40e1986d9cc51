import { z } from 'zod';
import type { ComponentDefinition } from '@ivr/scenario-schema';
import { t } from '../../shared/text.js';
import { ui } from '../../shared/ui.js';
import { expression, flag } from '../../shared/fields.js';
import { clockTime, timeZoneParam, weekdays } from '../../shared/calendar.js';
import { ERROR_EXIT, exit } from '../../shared/exits.js';
import { ALL_KINDS } from '../../shared/kinds.js';

export const workingPeriodSchema = z.strictObject({
  days: weekdays(t('Days', 'Дни', 'Días')),
  from: clockTime(t('From', 'С', 'Desde')),
  /** Earlier than `from` means the period runs past midnight. */
  to: clockTime(t('To', 'До', 'Hasta')),
});

export const holidaySchema = z.strictObject({
  /** `YYYY-MM-DD` for one day, `--MM-DD` for the same day every year. */
  date: z
    .string()
    .regex(/^(\d{4}|-)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD, or --MM-DD for every year')
    .meta(ui({ widget: 'date', label: t('Date', 'Дата', 'Fecha') })),
  name: z
    .string()
    .max(100)
    .optional()
    .meta(ui({ widget: 'text', label: t('Name', 'Название', 'Nombre') })),
  /** A shortened day: open between these hours instead of closed all day. */
  from: clockTime(t('Open from', 'Работаем с', 'Abierto desde')).optional(),
  to: clockTime(t('Open until', 'Работаем до', 'Abierto hasta')).optional(),
});

export const workingHoursParams = z.strictObject({
  timeZone: timeZoneParam(),
  schedule: z
    .array(workingPeriodSchema)
    .max(50)
    .default([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }])
    .meta(ui({ widget: 'list', label: t('Working hours', 'Рабочие часы', 'Horario laboral') })),
  holidays: z
    .array(holidaySchema)
    .max(400)
    .default([])
    .meta(ui({ widget: 'list', label: t('Holidays', 'Праздники', 'Festivos') })),
  /** Check another moment than now (e.g. a callback's planned time). */
  at: expression('dyn', t('Moment to check', 'Проверяемый момент', 'Momento a comprobar'), {
    advanced: true,
    help: t('Empty: now.', 'Пусто — сейчас.', 'Vacío: ahora.'),
  }).optional(),
  holidayExit: flag(
    false,
    t('Separate holiday exit', 'Отдельный выход для праздников', 'Salida aparte para festivos'),
    {
      help: t(
        'Off: a holiday goes to "closed".',
        'Выключено: праздник ведёт в «нерабочее время».',
        'Desactivado: un festivo sale por «cerrado».',
      ),
    },
  ),
});
export type WorkingHoursParams = z.infer<typeof workingHoursParams>;

export const workingHoursDefinition: ComponentDefinition<WorkingHoursParams> = {
  type: 'working-hours',
  typeVersion: 1,
  category: 'flow',
  icon: 'calendar-clock',
  title: t('Working hours', 'Рабочее время', 'Horario laboral'),
  help: t(
    'Checks the current time against a weekly schedule and holidays in the given time zone.',
    'Проверяет текущее время по недельному расписанию и праздникам в указанном часовом поясе.',
    'Comprueba la hora actual con un horario semanal y los festivos en la zona horaria indicada.',
  ),
  params: workingHoursParams,
  exits: (params) => [
    exit('open', 'required'),
    exit('closed', 'required'),
    ...(params.holidayExit ? [exit('holiday', 'required')] : []),
    ERROR_EXIT,
  ],
  kinds: ALL_KINDS,
  precondition: 'none',
  expressions: { at: 'dyn' },
  implemented: true,
};
