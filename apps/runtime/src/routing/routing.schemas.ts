import { scenarioIdSchema } from '@ivr/scenario-schema';
import { z } from 'zod';
import { displayName, phoneNumber } from '../common/zod-body.js';
import { isValidTimeZone, patternProblem, toMinutes } from './number-pattern.js';
import { MATCH_TYPES } from './route.entity.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (00:00-23:59)');

export const timeConditionSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: hhmm,
    to: hhmm,
  })
  .strict()
  .refine((c) => toMinutes(c.from) !== toMinutes(c.to), { message: 'from and to must differ', path: ['to'] });

const routeFields = {
  name: displayName,
  matchType: z.enum(MATCH_TYPES),
  pattern: z.string().min(1).max(200),
  scenarioId: scenarioIdSchema,
  priority: z.number().int().min(-1000).max(1000).default(0),
  timeConditions: z.array(timeConditionSchema).max(20).nullable().default(null),
  timeZone: z
    .string()
    .max(64)
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Moscow')
    .nullable()
    .default(null),
  enabled: z.boolean().default(true),
  description: z.string().max(1000).nullable().default(null),
};

const checkPattern = (route: { matchType: (typeof MATCH_TYPES)[number]; pattern: string }, ctx: z.RefinementCtx) => {
  const problem = patternProblem(route);
  if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
};

export const routeBody = z.object(routeFields).strict().superRefine(checkPattern);
export type RouteInput = z.infer<typeof routeBody>;

export const resolveQuery = z.object({ number: phoneNumber, at: z.iso.datetime().optional() }).strict();

export const parkingLotBody = z
  .object({
    name: displayName,
    parkNumber: phoneNumber,
    slotFrom: z.number().int().min(0).max(99_999_999),
    slotTo: z.number().int().min(0).max(99_999_999),
    timeoutSeconds: z.number().int().min(10).max(3600).default(120),
    description: z.string().max(1000).nullable().default(null),
  })
  .strict()
  .superRefine((lot, ctx) => {
    if (lot.slotTo < lot.slotFrom)
      ctx.addIssue({ code: 'custom', path: ['slotTo'], message: 'must not be below slotFrom' });
    if (lot.slotTo - lot.slotFrom >= 1000)
      ctx.addIssue({ code: 'custom', path: ['slotTo'], message: 'a lot has at most 1000 slots' });
    const park = Number(lot.parkNumber);
    if (Number.isInteger(park) && park >= lot.slotFrom && park <= lot.slotTo) {
      ctx.addIssue({ code: 'custom', path: ['parkNumber'], message: 'must not be one of the slots' });
    }
  });
export type ParkingLotInput = z.infer<typeof parkingLotBody>;

export const callbackNumberBody = z
  .object({
    number: phoneNumber,
    scenarioId: scenarioIdSchema.nullable().default(null),
    gateway: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be a FreeSWITCH gateway name (letters, digits, _ . -)')
      .nullable()
      .default(null),
    description: z.string().max(1000).nullable().default(null),
  })
  .strict();
export type CallbackNumberInput = z.infer<typeof callbackNumberBody>;

export const uuidParam = z.string().uuid('must be an id');
