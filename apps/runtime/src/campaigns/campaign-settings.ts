import { isTimeZone, WEEKDAYS } from '@ivr/components';
import { scenarioIdSchema } from '@ivr/scenario-schema';
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow');
/** A header name as in the sheet, or a column letter (A, B, ... AA). */
const column = z.string().trim().min(1).max(100);

/** Which columns hold what. Variables are passed to the scenario as its arguments. */
export const campaignMapping = z
  .object({
    sheet: z.string().max(100).optional(),
    headerRow: z.number().int().min(1).max(100).default(1),
    phone: column,
    id: column.optional(),
    /** The contact's own IANA time zone; the calling windows then apply in it. */
    timeZone: column.optional(),
    variables: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a variable name'), column)
      .default({}),
  })
  .strict();
export type CampaignMapping = z.infer<typeof campaignMapping>;

/** The outcomes of an attempt that may be retried, with the delay before the next one. */
export const RETRY_OUTCOMES = ['busy', 'noanswer', 'failed', 'rejected', 'interrupted', 'error'] as const;

export const campaignSettings = z
  .object({
    /** `ivr`: the campaign dials, the IVR scenario runs on the answered leg. `service`: the service scenario dials itself. */
    mode: z.enum(['ivr', 'service']).default('ivr'),
    scenarioId: scenarioIdSchema,
    concurrency: z.number().int().min(1).max(1000).default(5),
    callsPerSecond: z.number().min(0.01).max(200).default(1),
    ringTimeoutSeconds: z.number().int().min(5).max(600).default(30),
    callerId: z.string().max(32).optional(),
    gateway: z.string().max(100).optional(),
    timeZone: timeZone.default('UTC'),
    windows: z
      .array(
        z
          .object({
            days: z
              .array(z.enum(WEEKDAYS))
              .min(1)
              .default([...WEEKDAYS]),
            from: clock,
            to: clock,
          })
          .strict(),
      )
      .max(20)
      .default([{ days: [...WEEKDAYS], from: '09:00', to: '21:00' }]),
    /** Closed all day: YYYY-MM-DD, or -MM-DD for every year. */
    holidays: z
      .array(z.string().regex(/^(\d{4})?-\d{2}-\d{2}$/, 'YYYY-MM-DD or -MM-DD'))
      .max(400)
      .default([]),
    maxAttempts: z.number().int().min(1).max(20).default(3),
    /** Seconds before the next attempt, by outcome; an outcome left out is final. */
    retry: z
      .partialRecord(
        z.enum(RETRY_OUTCOMES),
        z
          .number()
          .int()
          .min(0)
          .max(30 * 86_400),
      )
      .default({ busy: 300, noanswer: 900, failed: 1800 }),
    /** The sheet's result columns (created when missing) and the returned variables written beside them. */
    resultColumns: z
      .object({
        status: z.string().max(100).default('Status'),
        result: z.string().max(100).default('Result'),
        attempts: z.string().max(100).default('Attempts'),
        lastCause: z.string().max(100).default('Last cause'),
        variables: z.array(z.string().max(64)).max(50).default([]),
      })
      .strict()
      .default({ status: 'Status', result: 'Result', attempts: 'Attempts', lastCause: 'Last cause', variables: [] }),
  })
  .strict();
export type CampaignSettings = z.infer<typeof campaignSettings>;
