import type { MatchType, TimeCondition } from './route.entity.js';

export interface NumberPattern {
  matchType: MatchType;
  pattern: string;
}

const DIALABLE = /^\+?[0-9*#]{1,32}$/;
const MAX_REGEX_LENGTH = 200;

/** Why a pattern cannot be used, or undefined when it is fine. */
export function patternProblem({ matchType, pattern }: NumberPattern): string | undefined {
  if (matchType !== 'regex') {
    return DIALABLE.test(pattern) ? undefined : 'must be 1-32 digits, * or #, optionally after +';
  }
  if (pattern.length > MAX_REGEX_LENGTH) return `must be at most ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(`^(?:${pattern})$`);
    return undefined;
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
}

/** Regular expressions match the whole number (anchored), like exact patterns. */
export function matchesNumber({ matchType, pattern }: NumberPattern, number: string): boolean {
  switch (matchType) {
    case 'exact':
      return number === pattern;
    case 'prefix':
      return number.startsWith(pattern);
    case 'regex':
      return new RegExp(`^(?:${pattern})$`).test(number);
  }
}

/**
 * Whether some number could match both patterns. Exact for exact/prefix pairs; a regex is checked
 * against the other's number (exact) or its prefix extended by a few digits (prefix), and two
 * regexes only when written identically: the general question is not decidable cheaply.
 */
export function patternsOverlap(a: NumberPattern, b: NumberPattern): boolean {
  if (a.matchType === 'regex' && b.matchType !== 'regex') return patternsOverlap(b, a);
  if (a.matchType === 'exact' && b.matchType === 'exact') return a.pattern === b.pattern;
  if (a.matchType === 'exact' && b.matchType === 'prefix') return a.pattern.startsWith(b.pattern);
  if (a.matchType === 'prefix' && b.matchType === 'exact') return b.pattern.startsWith(a.pattern);
  if (a.matchType === 'prefix' && b.matchType === 'prefix')
    return a.pattern.startsWith(b.pattern) || b.pattern.startsWith(a.pattern);
  if (a.matchType === 'exact' && b.matchType === 'regex') return matchesNumber(b, a.pattern);
  if (a.matchType === 'prefix' && b.matchType === 'regex')
    return prefixSamples(a.pattern).some((n) => matchesNumber(b, n));
  return a.pattern === b.pattern;
}

/** The prefix followed by 0-8 of each digit: enough to catch the usual `^710\d+$`-style overlaps. */
function prefixSamples(prefix: string): string[] {
  const samples = [prefix];
  for (let length = 1; length <= 8; length++)
    for (const digit of '0123456789') samples.push(prefix + digit.repeat(length));
  return samples;
}

/** Whether `at` falls in one of the windows, read in `timeZone` (IANA name). No conditions = always. */
export function withinTimeConditions(conditions: TimeCondition[] | null, timeZone: string | null, at: Date): boolean {
  if (!conditions || conditions.length === 0) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timeZone ?? 'UTC',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  return conditions.some((condition) => {
    const from = toMinutes(condition.from);
    const to = toMinutes(condition.to);
    if (from <= to) return condition.days.includes(day) && minute >= from && minute < to;
    // Past midnight: the evening part belongs to the listed day, the morning part to the next.
    const previousDay = day === 1 ? 7 : day - 1;
    return (condition.days.includes(day) && minute >= from) || (condition.days.includes(previousDay) && minute < to);
  });
}

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
