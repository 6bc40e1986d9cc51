import { clockMinutes, inPeriod, isTimeZone, localMoment, type Weekday } from '@ivr/components';

/** When calls may be placed: days and a clock range in a time zone (`to` before `from` runs past midnight). */
export interface CallWindow {
  timeZone: string;
  days: readonly string[];
  from: string;
  to: string;
}

/** Windows (any one open is enough) and holidays (YYYY-MM-DD, or -MM-DD every year) closed all day. */
export interface CallingCalendar {
  windows: readonly CallWindow[];
  holidays?: readonly string[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function parts(instant: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) out[part.type] = part.value;
  return out;
}

/** Milliseconds the zone is ahead of UTC at the instant. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

// The same calendar arithmetic as the working-hours component (local time through Intl, periods past midnight).
const inWindow = (moment: ReturnType<typeof localMoment>, window: CallWindow) =>
  inPeriod(moment, { ...window, days: window.days as readonly Weekday[] });

function isHoliday(date: string, holidays: readonly string[] | undefined): boolean {
  return !!holidays?.some((h) => h === date || h === `-${date.slice(5)}`);
}

/**
 * Is calling allowed at the instant? `zone` (the contact's own time zone) replaces each window's
 * zone: "09:00-21:00" then means the contact's local time.
 */
export function isOpen(calendar: CallingCalendar, instant: Date, zone?: string | null): boolean {
  if (calendar.windows.length === 0) return !isHoliday(localMoment(instant, zone ?? 'UTC').date, calendar.holidays);
  return calendar.windows.some((window) => {
    const moment = localMoment(instant, zone ?? window.timeZone);
    return !isHoliday(moment.date, calendar.holidays) && inWindow(moment, window);
  });
}

/** The first moment at or after `instant` when calling is allowed, within 400 days; undefined if never. */
export function nextOpening(calendar: CallingCalendar, instant: Date, zone?: string | null): Date | undefined {
  if (isOpen(calendar, instant, zone)) return instant;
  let best: number | undefined;
  for (const window of calendar.windows) {
    const timeZone = zone ?? window.timeZone;
    for (let day = 0; day <= 400; day += 1) {
      const local = localMoment(new Date(instant.getTime() + day * 86_400_000), timeZone);
      const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
      const wallAsUtc = Date.UTC(y, m - 1, d) + clockMinutes(window.from) * 60_000;
      // Twice: the offset at the guess, then at the corrected instant (DST changes in between).
      let candidate = wallAsUtc - zoneOffsetMs(new Date(wallAsUtc), timeZone);
      candidate = wallAsUtc - zoneOffsetMs(new Date(candidate), timeZone);
      if (best !== undefined && candidate >= best) break;
      if (candidate > instant.getTime() && isOpen(calendar, new Date(candidate), zone)) {
        best = candidate;
        break;
      }
    }
  }
  if (best === undefined) return undefined;
  return new Date(best);
}

export function checkCalendar(calendar: CallingCalendar): string[] {
  const problems: string[] = [];
  calendar.windows.forEach((w, i) => {
    if (!isTimeZone(w.timeZone)) problems.push(`windows.${i}.timeZone: unknown time zone ${w.timeZone}`);
  });
  return problems;
}
