import { z } from 'zod';

/**
 * A scenario test file (`*.test.yaml` or `*.test.json` beside the scenarios): the caller, the
 * world around the call (endpoints, data, HTTP receivers) and what must happen.
 */
const endpointBehaviour = z.union([
  z.enum(['answer', 'busy', 'noanswer', 'decline', 'unreachable', 'fail']),
  z
    .strictObject({
      answerAfter: z.number().min(0).max(600).optional(),
      hangupAfter: z.number().min(0).max(3600).optional(),
      press: z
        .string()
        .regex(/^[0-9*#A-D]+$/)
        .optional(),
    })
    .strict(),
]);

const sqlConnection = z.strictObject({
  kind: z.literal('sqlite'),
  /** Statements run before each case on a fresh database. */
  setup: z.string().default(''),
});

const httpReceiver = z.strictObject({
  kind: z.literal('http'),
  /** Answers by `METHOD /path` (or `/path` for any method); unlisted paths get 404. */
  responses: z
    .record(
      z.string(),
      z.strictObject({ status: z.number().int().min(100).max(599).default(200), body: z.unknown().optional() }),
    )
    .default({}),
});

const capture = z.strictObject({ kind: z.enum(['sms', 'smtp']) });

const step = z.union([
  z.strictObject({ hear: z.string().min(1) }),
  z.strictObject({ press: z.string().regex(/^[0-9*#A-D]+$/, 'DTMF keys: 0-9, *, #, A-D') }),
  z.strictObject({ wait: z.number().min(0).max(3600) }),
  z.strictObject({ hangup: z.literal(true) }),
]);

const expectation = z.strictObject({
  /** Prompts the caller heard, in order; each a substring of a spoken text or a file name. */
  heard: z.array(z.string()).optional(),
  /** Prompts that must not be heard. */
  notHeard: z.array(z.string()).optional(),
  /** Numbers the call was bridged to, in order. */
  bridged: z.array(z.string()).optional(),
  /** Variables of the main run when it ended. */
  variables: z.record(z.string(), z.unknown()).optional(),
  status: z.enum(['completed', 'failed', 'hangup', 'aborted']).optional(),
  result: z.string().optional(),
  /** The last node the run executed. */
  lastNode: z.string().optional(),
  hangupCause: z.string().optional(),
  sql: z
    .array(
      z.strictObject({ connection: z.string(), query: z.string(), rows: z.array(z.record(z.string(), z.unknown())) }),
    )
    .optional(),
  http: z
    .array(
      z.strictObject({
        connection: z.string(),
        method: z.string().optional(),
        path: z.string(),
        /** Fields the JSON body must contain (deep, partial). */
        body: z.unknown().optional(),
      }),
    )
    .optional(),
  sms: z.array(z.strictObject({ to: z.string().optional(), text: z.string().optional() })).optional(),
  mail: z.array(z.strictObject({ to: z.string().optional(), subject: z.string().optional() })).optional(),
});

export const scenarioTestCaseSchema = z.strictObject({
  name: z.string().min(1),
  call: z
    .strictObject({
      from: z.string().default('79160000001'),
      to: z.string().default('100'),
      headers: z.record(z.string(), z.string()).default({}),
    })
    .default({ from: '79160000001', to: '100', headers: {} }),
  /** Runs a service scenario without a call, with these params. */
  args: z.record(z.string(), z.unknown()).optional(),
  endpoints: z.record(z.string(), endpointBehaviour).default({}),
  script: z.array(step).default([]),
  expect: expectation.default({}),
  /** Seconds the case may take in simulated time before it fails. */
  timeout: z.number().min(1).max(3600).default(120),
});

export const scenarioTestFileSchema = z.strictObject({
  /** Scenario files, relative to the test file; the first one is what the call reaches unless `scenario` says. */
  scenarios: z.array(z.string().min(1)).min(1),
  scenario: z.string().optional(),
  /** Named connections the scenarios use, as test doubles that really run (SQLite files, HTTP servers, captures). */
  connections: z.record(z.string(), z.union([sqlConnection, httpReceiver, capture])).default({}),
  endpoints: z.record(z.string(), endpointBehaviour).default({}),
  cases: z.array(scenarioTestCaseSchema).min(1),
});

export type ScenarioTestFile = z.infer<typeof scenarioTestFileSchema>;
export type ScenarioTestCase = z.infer<typeof scenarioTestCaseSchema>;
export type TestStep = z.infer<typeof step>;
export type EndpointBehaviourSpec = z.infer<typeof endpointBehaviour>;
