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
      /** Keys the answered party presses, while the first prompt it hears plays (or the one `pressOn` names). */
      press: z
        .string()
        .regex(/^[0-9*#A-D]+$/)
        .optional(),
      /** Part of the prompt text (or file name) during which `press` is pressed. */
      pressOn: z.string().min(1).optional(),
    })
    .strict(),
]);

const sqlConnection = z.strictObject({
  kind: z.literal('sqlite'),
  /** A file of SQL statements beside the test file (a sample's schema and rows), run first on each fresh database. */
  setupFile: z.string().min(1).optional(),
  /** Statements run before each case on a fresh database (after setupFile). */
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

/** The sandbox card processor (apps/runtime/src/payments), started for the file: a `payment` connection. */
const paymentsSandbox = z.strictObject({ kind: z.literal('payments-sandbox') });

/** A workbook for the file store: a file beside the test file, or its rows written out here (first row: headers). */
const workbookFile = z.union([
  z.string().min(1),
  z.strictObject({
    sheet: z.string().min(1).default('Sheet1'),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).min(1),
  }),
]);

/** What an inbound call to a number runs: a scenario by id, a parking lot, or a pickup of the dialed slot. */
const route = z.union([
  z.string().min(1),
  z.strictObject({ scenario: z.string().min(1) }),
  z.strictObject({
    park: z.string().min(1),
    firstSlot: z.number().int().optional(),
    lastSlot: z.number().int().optional(),
    timeout: z.number().min(1).optional(),
  }),
  z.strictObject({ pickup: z.string().min(1) }),
]);

const step = z.union([
  z.strictObject({ hear: z.string().min(1) }),
  z.strictObject({ press: z.string().regex(/^[0-9*#A-D]+$/, 'DTMF keys: 0-9, *, #, A-D') }),
  z.strictObject({ wait: z.number().min(0).max(3600) }),
  z.strictObject({ hangup: z.literal(true) }),
]);

/** A run started during the case: a service scenario (start-service) or a callback's IVR run. */
const runExpectation = z.strictObject({
  scenario: z.string(),
  status: z.enum(['completed', 'failed', 'hangup', 'aborted']).optional(),
  result: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
});

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
  /** Runs started during the case (services, callbacks), in the order started; each matched partially. */
  runs: z.array(runExpectation).optional(),
  /** Callbacks scheduled, in order: `called` (dialed and answered), `deferred` (outside its window), `failed`. */
  callbacks: z
    .array(
      z.strictObject({
        to: z.string().optional(),
        scenario: z.string().optional(),
        status: z.enum(['called', 'deferred', 'failed']).optional(),
      }),
    )
    .optional(),
  /** Rows of a workbook in the file store after the case, as objects by header (matched partially, all rows). */
  excel: z
    .array(
      z.strictObject({
        file: z.string(),
        sheet: z.string().optional(),
        rows: z.array(z.record(z.string(), z.unknown())),
      }),
    )
    .optional(),
  /** SIP headers the last bridge carried to the called party (X-Payment-Status...), matched partially. */
  sentHeaders: z.record(z.string(), z.string()).optional(),
  /** Payments the sandbox processor carried out. */
  payments: z.strictObject({ operations: z.number().int().min(0) }).optional(),
});

/** Another caller during the case, e.g. the one who picks up a parked call; runs its script beside the main one. */
const extraCall = z.strictObject({
  from: z.string().default('79160000002'),
  to: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  /** Steps before this call is placed (hear waits for a prompt on the main call). */
  before: z.array(step).default([]),
  script: z.array(step).default([]),
});

export const scenarioTestCaseSchema = z.strictObject({
  name: z.string().min(1),
  /** The scenario this case runs (its id), when not the file's. */
  scenario: z.string().optional(),
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
  /** More callers, each placed after its `before` steps, running its script beside the main call's. */
  calls: z.array(extraCall).default([]),
  /** The wall clock at the start of the case (ISO 8601), e.g. a night time for a working-hours check. */
  now: z.iso.datetime({ offset: true }).optional(),
  /** This case's answers of the HTTP receivers, by connection, over the file's. */
  respond: z
    .record(
      z.string(),
      z.record(
        z.string(),
        z.strictObject({ status: z.number().int().min(100).max(599).default(200), body: z.unknown().optional() }),
      ),
    )
    .default({}),
  expect: expectation.default({}),
  /** Seconds the case may take in simulated time before it fails. */
  timeout: z.number().min(1).max(3600).default(120),
});

export const scenarioTestFileSchema = z.strictObject({
  /**
   * Simulated time per real time for this file (0.05 when absent: twenty times faster); `ivr test --time-scale`
   * overrides it. A slower scale gives more real time to races such as a hangup in the middle of a prompt.
   */
  timeScale: z.number().gt(0).max(1).optional(),
  /** Scenario files, relative to the test file; the first one is what the call reaches unless `scenario` says. */
  scenarios: z.array(z.string().min(1)).min(1),
  scenario: z.string().optional(),
  /** Named connections the scenarios use, as test doubles that really run (SQLite files, HTTP servers, captures). */
  connections: z.record(z.string(), z.union([sqlConnection, httpReceiver, capture, paymentsSandbox])).default({}),
  endpoints: z.record(z.string(), endpointBehaviour).default({}),
  /** Workbooks put into the runner's file store (fresh for each case), by the name scenarios use. */
  files: z.record(z.string(), workbookFile).default({}),
  /**
   * Dialed number (exact, or a regular expression such as `71[1-5]`) -> what the call runs. Numbers no route
   * matches reach the scenario under test.
   */
  routes: z.record(z.string(), route).default({}),
  cases: z.array(scenarioTestCaseSchema).min(1),
});

export type ScenarioTestFile = z.infer<typeof scenarioTestFileSchema>;
export type ScenarioTestCase = z.infer<typeof scenarioTestCaseSchema>;
export type TestStep = z.infer<typeof step>;
export type EndpointBehaviourSpec = z.infer<typeof endpointBehaviour>;
export type RouteSpec = z.infer<typeof route>;
export type WorkbookFileSpec = z.infer<typeof workbookFile>;
export type ExtraCall = z.infer<typeof extraCall>;
