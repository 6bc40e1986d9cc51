/** Schedules: weekdays, clock times and time zones, shared by working hours and calling windows. */
import { z } from 'zod';
import type { LocalizedText } from '@ivr/scenario-schema';
import { t } from './text.js';
import { ui } from './ui.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Intl knows every IANA zone the runtime can use, in the browser and in Node alike. */
/**
 * Answers remembered: making an Intl.DateTimeFormat to ask costs ~30 µs, and a campaign import asks
 * for every row (a quarter of a 100,000-row import's CPU before). Bounded, since the names come
 * from users' sheets.
 */
const knownZones = new Map<string, boolean>();
const KNOWN_ZONES_MAX = 2_000;

export function isTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (knownZones.size < KNOWN_ZONES_MAX) knownZones.set(zone, valid);
  return valid;
}

export function timeZoneParam() {
  return z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Moscow' })
    .default('UTC')
    .meta(ui({ widget: 'timezone', label: t('Time zone', 'Часовой пояс', 'Zona horaria') }));
}

export function clockTime(label: LocalizedText) {
  return z
    .string()
    .regex(CLOCK_TIME, 'HH:MM, 24-hour')
    .meta(ui({ widget: 'time', label }));
}

export function weekdays(label: LocalizedText) {
  return z
    .array(z.enum(WEEKDAYS))
    .min(1)
    .meta(ui({ widget: 'multiselect', label }));
}
