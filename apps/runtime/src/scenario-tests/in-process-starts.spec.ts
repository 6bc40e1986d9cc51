import { describe, expect, it } from 'vitest';
import { insideWindow } from './in-process-starts.js';

describe('a callback calling window', () => {
  const window = { timeZone: 'Europe/Moscow', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '21:00' };

  it('is open on its days between from and to, in its time zone', () => {
    expect(insideWindow(new Date('2026-06-01T10:00:00+03:00'), window)).toBe(true);
    expect(insideWindow(new Date('2026-06-01T06:30:00Z'), window)).toBe(true);
    expect(insideWindow(new Date('2026-06-01T20:59:00+03:00'), window)).toBe(true);
  });

  it('is closed at night, at the end time and on other days', () => {
    expect(insideWindow(new Date('2026-06-01T21:00:00+03:00'), window)).toBe(false);
    expect(insideWindow(new Date('2026-06-01T05:00:00Z'), window)).toBe(false);
    expect(insideWindow(new Date('2026-06-06T12:00:00+03:00'), window)).toBe(false);
  });

  it('may span midnight', () => {
    const night = { ...window, days: [], from: '22:00', to: '06:00' };
    expect(insideWindow(new Date('2026-06-01T23:00:00+03:00'), night)).toBe(true);
    expect(insideWindow(new Date('2026-06-01T12:00:00+03:00'), night)).toBe(false);
  });
});
