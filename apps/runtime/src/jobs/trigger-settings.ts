import { isTimeZone, WEEKDAYS } from '@ivr/components';
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

export const callWindowSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow').default('UTC'),
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .default([...WEEKDAYS]),
    from: clock.default('09:00'),
    to: clock.default('21:00'),
  })
  .strict();

/** A missed-call rule: inbound calls that never reached anyone get a callback running the trigger's scenario. */
export const missedCallSettings = z
  .object({
    /** Only calls to these dialed numbers; all when empty. */
    numbers: z.array(z.string().max(32)).max(100).default([]),
    delaySeconds: z.number().int().min(0).max(86_400).default(60),
    attempts: z.number().int().min(1).max(20).default(3),
    retryIntervalSeconds: z.number().int().min(10).max(86_400).default(600),
    ringTimeoutSeconds: z.number().int().min(5).max(600).default(30),
    callerId: z.string().max(32).optional(),
    window: callWindowSchema.optional(),
  })
  .strict();

export const webhookSettings = z.object({ auth: z.enum(['token', 'hmac']) }).strict();

export const postCallSettings = z.object({}).strict();
