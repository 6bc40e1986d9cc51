import { z } from 'zod';
import { exitsOf, type ComponentDefinition, type ExitDefinition } from '@ivr/scenario-schema';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  ui?: UiHint;
  [key: string]: unknown;
};

/** The `ui` metadata @ivr/components puts on params (`.meta({ ui })`); every field optional here. */
export interface UiHint {
  widget?: string;
  label?: Record<string, string>;
  help?: Record<string, string>;
  placeholder?: string;
  connectionKind?: string;
  expressionType?: string;
  advanced?: boolean;
  visibleWhen?: Record<string, readonly (string | boolean | number)[]>;
  options?: Record<string, Record<string, string>>;
  keyLabel?: Record<string, string>;
  valueLabel?: Record<string, string>;
}

const schemaCache = new WeakMap<ComponentDefinition, JsonSchema>();

/** JSON Schema of a component's params as the user writes them (io "input": defaults are not required). */
export function paramsJsonSchema(definition: ComponentDefinition): JsonSchema {
  let schema = schemaCache.get(definition);
  if (!schema) {
    schema = z.toJSONSchema(definition.params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    schemaCache.set(definition, schema);
  }
  return schema;
}

/** The params a new node starts with: every default the schema declares. */
export function defaultParams(definition: ComponentDefinition): Record<string, unknown> {
  const parsed = definition.params.safeParse({});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const schema = paramsJsonSchema(definition);
  const params: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) params[key] = structuredClone(property.default);
  }
  return params;
}

/**
 * The exits a node has with these params. Derived exits (menu digits, switch cases) need valid
 * params; while the user is still typing, the node keeps showing the exits it is wired with.
 */
export function nodeExits(
  definition: ComponentDefinition,
  params: Record<string, unknown>,
): { exits: readonly ExitDefinition[]; derivedFromValidParams: boolean } {
  const parsed = definition.params.safeParse(params);
  if (parsed.success)
    return {
      exits: uniqueExits(exitsOf(definition, parsed.data as Record<string, unknown>)),
      derivedFromValidParams: true,
    };
  if (typeof definition.exits !== 'function') return { exits: definition.exits, derivedFromValidParams: true };
  try {
    return {
      exits: uniqueExits(definition.exits({ ...defaultParams(definition), ...params })),
      derivedFromValidParams: false,
    };
  } catch {
    return { exits: [], derivedFromValidParams: false };
  }
}

/** Params may repeat a value (two options on one key, caught by the validator): still one handle per exit id. */
function uniqueExits(exits: readonly ExitDefinition[]): readonly ExitDefinition[] {
  return exits.filter((exit, index) => exits.findIndex((e) => e.id === exit.id) === index);
}
