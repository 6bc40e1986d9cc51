import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { workingHoursDefinition, workingHoursParams } from './definition.js';

describe('working-hours', () => {
  it('adds the holiday exit only when asked to', () => {
    const ids = (input: object) => exitsFor(workingHoursDefinition, workingHoursParams.parse(input)).map((e) => e.id);
    expect(ids({})).toEqual(['open', 'closed', 'error']);
    expect(ids({ holidayExit: true })).toEqual(['open', 'closed', 'holiday', 'error']);
  });

  it('defaults to weekdays 09:00-18:00 UTC', () => {
    expect(workingHoursParams.parse({})).toMatchObject({
      timeZone: 'UTC',
      schedule: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
      holidays: [],
    });
  });

  it('checks time zones, clock times and holiday dates', () => {
    expect(workingHoursParams.safeParse({ timeZone: 'Europe/Moscow' }).success).toBe(true);
    expect(workingHoursParams.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(workingHoursParams.safeParse({ schedule: [{ days: ['mon'], from: '9:00', to: '18:00' }] }).success).toBe(
      false,
    );
    expect(workingHoursParams.safeParse({ holidays: [{ date: '--01-01' }, { date: '2026-12-31' }] }).success).toBe(
      true,
    );
    expect(workingHoursParams.safeParse({ holidays: [{ date: '2026-13-01' }] }).success).toBe(false);
  });
});
