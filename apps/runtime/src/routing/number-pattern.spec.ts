import { describe, expect, it } from 'vitest';
import { matchesNumber, patternProblem, patternsOverlap, withinTimeConditions } from './number-pattern.js';

describe('number patterns', () => {
  it('matches exact, prefix and anchored regex patterns', () => {
    expect(matchesNumber({ matchType: 'exact', pattern: '710' }, '710')).toBe(true);
    expect(matchesNumber({ matchType: 'exact', pattern: '710' }, '7100')).toBe(false);
    expect(matchesNumber({ matchType: 'prefix', pattern: '+7495' }, '+74951234567')).toBe(true);
    expect(matchesNumber({ matchType: 'regex', pattern: '71[1-5]' }, '713')).toBe(true);
    expect(matchesNumber({ matchType: 'regex', pattern: '71[1-5]' }, '7130')).toBe(false);
  });

  it('explains bad patterns', () => {
    expect(patternProblem({ matchType: 'exact', pattern: '12a' })).toMatch(/digits/);
    expect(patternProblem({ matchType: 'regex', pattern: '(' })).toMatch(/regular expression/);
    expect(patternProblem({ matchType: 'prefix', pattern: '+7' })).toBeUndefined();
  });

  it('reports overlaps between every kind of pattern', () => {
    const exact = (pattern: string) => ({ matchType: 'exact' as const, pattern });
    const prefix = (pattern: string) => ({ matchType: 'prefix' as const, pattern });
    const regex = (pattern: string) => ({ matchType: 'regex' as const, pattern });
    expect(patternsOverlap(exact('100'), exact('100'))).toBe(true);
    expect(patternsOverlap(exact('100'), exact('101'))).toBe(false);
    expect(patternsOverlap(exact('1001'), prefix('100'))).toBe(true);
    expect(patternsOverlap(prefix('10'), prefix('100'))).toBe(true);
    expect(patternsOverlap(prefix('20'), prefix('100'))).toBe(false);
    expect(patternsOverlap(regex('71[1-5]'), exact('712'))).toBe(true);
    expect(patternsOverlap(prefix('8800'), regex('8800\\d+'))).toBe(true);
    expect(patternsOverlap(prefix('8800'), regex('9\\d+'))).toBe(false);
  });

  it('reads time windows in the route time zone, including windows past midnight', () => {
    const weekdays = [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }];
    // 2026-11-23 is a Monday. 06:30 UTC = 09:30 in Moscow (UTC+3).
    expect(withinTimeConditions(weekdays, 'Europe/Moscow', new Date('2026-11-23T06:30:00Z'))).toBe(true);
    expect(withinTimeConditions(weekdays, 'UTC', new Date('2026-11-23T06:30:00Z'))).toBe(false);
    expect(withinTimeConditions(weekdays, 'UTC', new Date('2026-11-22T10:00:00Z'))).toBe(false); // Sunday
    const night = [{ days: [5], from: '22:00', to: '06:00' }]; // Friday night into Saturday
    expect(withinTimeConditions(night, 'UTC', new Date('2026-11-27T23:00:00Z'))).toBe(true);
    expect(withinTimeConditions(night, 'UTC', new Date('2026-11-28T05:59:00Z'))).toBe(true);
    expect(withinTimeConditions(night, 'UTC', new Date('2026-11-28T06:00:00Z'))).toBe(false);
    expect(withinTimeConditions(null, null, new Date())).toBe(true);
  });
});
