import { z } from 'zod';

/** The current scenario document format. Older formats are brought up to it by migrate(). */
export const CURRENT_FORMAT = 'ivr-scenario/1';

export const SCENARIO_KINDS = ['main', 'ivr', 'service'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

/** Value types of params and variables; each maps onto a CEL type for expression checking. */
export const VALUE_TYPES = ['string', 'int', 'double', 'bool', 'list', 'map', 'timestamp', 'any'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const VARIABLE_SCOPES = ['run', 'call', 'global'] as const;
export type VariableScope = (typeof VARIABLE_SCOPES)[number];

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a letter or _ followed by letters, digits or _ (at most 64)');

const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, _ . or - (not starting with . or -)');

const exitId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, _ or -');

export const scenarioIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, _ or -');

export const paramDeclarationSchema = z
  .object({
    name: identifier,
    type: z.enum(VALUE_TYPES),
    required: z.boolean().optional(),
    default: z.unknown().optional(),
    description: z.string().max(500).optional(),
  })
  .strict();

export const variableDeclarationSchema = z
  .object({
    name: identifier,
    type: z.enum(VALUE_TYPES),
    scope: z.enum(VARIABLE_SCOPES),
    initial: z.unknown().optional(),
    /** Redacted in traces, logs and the designer's variable watch. */
    sensitive: z.boolean().optional(),
    /** Published with CTI events (screen pops). */
    export: z.boolean().optional(),
    description: z.string().max(500).optional(),
  })
  .strict();

export const nodeSchema = z
  .object({
    id: nodeId,
    type: z.string().min(1).max(64),
    typeVersion: z.number().int().min(1),
    params: z.record(z.string(), z.unknown()),
    /** Stable exit ids (ok, error, digit-1...) to the id of the next node. */
    exits: z.record(exitId, nodeId),
    /** How often a run may pass this node before the engine stops it (a guard for loops). */
    maxPasses: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const layoutEntrySchema = z
  .object({
    x: z.number().finite(),
    y: z.number().finite(),
    label: z.string().max(200).optional(),
    color: z.string().max(32).optional(),
  })
  .strict();

export const scenarioDocumentSchema = z
  .object({
    format: z.literal(CURRENT_FORMAT),
    id: scenarioIdSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(5000).optional(),
    kind: z.enum(SCENARIO_KINDS),
    /** Typed inputs given by the caller of the scenario (another scenario, a campaign, the API). */
    params: z.array(paramDeclarationSchema).default([]),
    /** Names of variables handed back to a calling scenario when this one ends. */
    returns: z.array(identifier).default([]),
    variables: z.array(variableDeclarationSchema).default([]),
    start: nodeId,
    onError: nodeId.optional(),
    onHangup: nodeId.optional(),
    nodes: z.array(nodeSchema),
    /** Presentation only: positions and labels by node id. Never changes behaviour. */
    layout: z.record(z.string(), layoutEntrySchema).default({}),
  })
  .strict();

export type ParamDeclaration = z.infer<typeof paramDeclarationSchema>;
export type VariableDeclaration = z.infer<typeof variableDeclarationSchema>;
export type ScenarioNode = z.infer<typeof nodeSchema>;
export type LayoutEntry = z.infer<typeof layoutEntrySchema>;
export type ScenarioDocument = z.infer<typeof scenarioDocumentSchema>;
/** A document as written, before defaults are filled in. */
export type ScenarioDocumentInput = z.input<typeof scenarioDocumentSchema>;
