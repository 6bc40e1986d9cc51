import type { Executor } from '../../executor.js';
import type { WorkingHoursParams } from './definition.js';
import { clockMinutes, inPeriod, localMoment } from './local-time.js';

function instantOf(value: unknown): Date {
  const instant = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(instant.getTime()))
    throw new Error(`"at" gave ${JSON.stringify(value)}, which is not a moment in time`);
  return instant;
}

/** Open, closed or holiday at a moment (now by default) in the schedule's time zone. */
export const workingHoursExecutor: Executor<WorkingHoursParams> = async (context) => {
  const { params, ports } = context;
  const instant = params.at ? instantOf(context.evaluate(params.at)) : ports.clock.now();
  const moment = localMoment(instant, params.timeZone);
  const holiday = params.holidays.find((h) => h.date === moment.date || h.date === `-${moment.date.slice(4)}`);
  if (holiday) {
    // A shortened day is open between its own hours; any other holiday is closed all day.
    const open =
      holiday.from !== undefined &&
      holiday.to !== undefined &&
      moment.minutes >= clockMinutes(holiday.from) &&
      moment.minutes < clockMinutes(holiday.to);
    if (open) return { exit: 'open' };
    return { exit: params.holidayExit ? 'holiday' : 'closed' };
  }
  return { exit: params.schedule.some((period) => inPeriod(moment, period)) ? 'open' : 'closed' };
};
