import type { Weekday } from '../../shared/calendar.js';

export interface LocalMoment {
  /** YYYY-MM-DD in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAY_BY_NAME: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and time of an instant in an IANA time zone (DST included, via Intl). */
export function localMoment(instant: Date, timeZone: string): LocalMoment {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY_BY_NAME[parts.weekday!]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function clockMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

const PREVIOUS_DAY: Record<Weekday, Weekday> = {
  mon: 'sun',
  tue: 'mon',
  wed: 'tue',
  thu: 'wed',
  fri: 'thu',
  sat: 'fri',
  sun: 'sat',
};

/**
 * Is the moment inside a period? A period whose `to` is earlier than its `from` runs past midnight:
 * it covers the listed days' evenings and the following mornings.
 */
export function inPeriod(moment: LocalMoment, period: { days: readonly Weekday[]; from: string; to: string }): boolean {
  const from = clockMinutes(period.from);
  const to = clockMinutes(period.to);
  if (from === to) return period.days.includes(moment.weekday);
  if (from < to) return period.days.includes(moment.weekday) && moment.minutes >= from && moment.minutes < to;
  if (period.days.includes(moment.weekday) && moment.minutes >= from) return true;
  return period.days.includes(PREVIOUS_DAY[moment.weekday]) && moment.minutes < to;
}
