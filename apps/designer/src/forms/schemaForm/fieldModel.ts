/**
 * JSON Schema (from a component's zod params, with `ui` hints) -> a tree of field descriptions the
 * inspector renders. Pure, so what form a schema produces is tested without a browser.
 */
import type { JsonSchema, UiHint } from '../../catalog/componentSchemas';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'code'
  | 'number'
  | 'boolean'
  | 'select'
  | 'multiselect'
  | 'expression'
  | 'template'
  | 'variable'
  | 'list'
  | 'object'
  | 'map'
  | 'json';

export interface FieldOption {
  value: string;
  label?: Record<string, string>;
}

export interface FieldSpec {
  kind: FieldKind;
  /** Property name (or '' for list items and map values). */
  name: string;
  label?: Record<string, string>;
  help?: Record<string, string>;
  placeholder?: string;
  required: boolean;
  defaultValue?: unknown;
  options?: FieldOption[];
  min?: number;
  max?: number;
  integer?: boolean;
  expressionType?: string;
  advanced?: boolean;
  visibleWhen?: Record<string, readonly (string | boolean | number)[]>;
  /** The widget the component asked for, when it maps onto a plainer kind (`duration` -> number). */
  widget?: string;
  /** For `connection` widgets: the connection type to offer (sql, http, sms, smtp, payment). */
  connectionKind?: string;
  /** list: the item; map: the value. */
  item?: FieldSpec;
  /** map: what keys and values mean. */
  keyLabel?: Record<string, string>;
  valueLabel?: Record<string, string>;
  /** object: its properties in schema order. */
  fields?: FieldSpec[];
}

/** Component-declared param paths (`cases[].when`, `map.*`) that hold CEL or name variables. */
export interface ParamPathHints {
  expressions?: Readonly<Record<string, string>>;
  variableTargets?: readonly string[];
}

const WIDGET_KINDS: Record<string, FieldKind> = {
  text: 'text',
  textarea: 'textarea',
  number: 'number',
  duration: 'number',
  boolean: 'boolean',
  select: 'select',
  multiselect: 'multiselect',
  expression: 'expression',
  template: 'template',
  variable: 'variable',
  digits: 'text',
  time: 'text',
  date: 'text',
  timezone: 'text',
  connection: 'text',
  scenario: 'text',
  file: 'text',
  'code-sql': 'code',
  json: 'json',
  list: 'list',
  object: 'object',
  prompt: 'object',
  'variable-map': 'map',
  'expression-map': 'map',
  'template-map': 'map',
  headers: 'map',
};

/** What the values of each map widget are. */
const MAP_VALUE_KINDS: Record<string, FieldKind> = {
  'variable-map': 'variable',
  'expression-map': 'expression',
  'template-map': 'template',
  headers: 'template',
};

/** Describes the params object of a component: its top-level fields. */
export function describeParams(schema: JsonSchema, hints: ParamPathHints = {}): FieldSpec {
  return describe(schema, schema, '', true, '', hints);
}

function describe(
  raw: JsonSchema,
  root: JsonSchema,
  name: string,
  required: boolean,
  pattern: string,
  hints: ParamPathHints,
): FieldSpec {
  const schema = resolve(raw, root);
  const ui: UiHint = { ...(schema.ui ?? {}), ...(raw.ui ?? {}) };
  const base: FieldSpec = {
    kind: 'json',
    name,
    label: ui.label,
    help: ui.help ?? (schema.description ? { en: schema.description } : undefined),
    placeholder: ui.placeholder,
    required,
    defaultValue: raw.default ?? schema.default,
    advanced: ui.advanced,
    visibleWhen: ui.visibleWhen,
    widget: ui.widget,
    connectionKind: ui.connectionKind,
  };
  const declaredExpression = hints.expressions?.[pattern];
  if (declaredExpression !== undefined) return { ...base, kind: 'expression', expressionType: declaredExpression };
  if (hints.variableTargets?.includes(pattern)) return { ...base, kind: 'variable' };

  const type = primaryType(schema);
  const byWidget = ui.widget ? WIDGET_KINDS[ui.widget] : undefined;
  const kind = byWidget ?? kindOfType(schema, type, root);
  const spec: FieldSpec = { ...base, kind };

  if (kind === 'expression') spec.expressionType = ui.expressionType ?? 'dyn';
  if (kind === 'number') {
    spec.integer = type === 'integer';
    spec.min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
    spec.max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  }
  if (kind === 'select' || kind === 'multiselect') {
    const values = kind === 'multiselect' ? enumOf(resolve(schema.items ?? {}, root)) : enumOf(schema);
    spec.options = values.map((value) => ({ value, label: ui.options?.[value] }));
  }
  if (kind === 'list') {
    spec.item = describe(schema.items ?? {}, root, '', true, `${pattern}[]`, hints);
  }
  if (kind === 'object') {
    const requiredNames = new Set(schema.required ?? []);
    spec.fields = Object.entries(schema.properties ?? {}).map(([key, property]) =>
      describe(property, root, key, requiredNames.has(key), pattern ? `${pattern}.${key}` : key, hints),
    );
  }
  if (kind === 'map') {
    const valueSchema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    const value = describe(valueSchema, root, '', true, pattern ? `${pattern}.*` : '*', hints);
    const forced = ui.widget ? MAP_VALUE_KINDS[ui.widget] : undefined;
    spec.item = forced && value.kind !== 'expression' ? { ...value, kind: forced } : value;
    spec.keyLabel = ui.keyLabel;
    spec.valueLabel = ui.valueLabel;
  }
  return spec;
}

function kindOfType(schema: JsonSchema, type: string | undefined, root: JsonSchema): FieldKind {
  if (enumOf(schema).length > 0) return 'select';
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return enumOf(resolve(schema.items ?? {}, root)).length > 0 ? 'multiselect' : 'list';
    case 'object':
      if (schema.properties && Object.keys(schema.properties).length > 0) return 'object';
      if (typeof schema.additionalProperties === 'object') return 'map';
      return 'json';
    default:
      return 'json';
  }
}

/** Follows `$ref`, merges a lone `allOf`, drops the `null` branch of a nullable `anyOf`. */
export function resolve(schema: JsonSchema, root: JsonSchema, depth = 0): JsonSchema {
  if (depth > 20) return schema;
  if (schema.$ref) {
    const target = lookupRef(schema.$ref, root);
    const { $ref: _ref, ...rest } = schema;
    return target ? resolve({ ...target, ...rest }, root, depth + 1) : rest;
  }
  if (schema.allOf && schema.allOf.length === 1) {
    const { allOf, ...rest } = schema;
    return resolve({ ...allOf[0]!, ...rest }, root, depth + 1);
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const nonNull = union.filter((s) => s.type !== 'null');
    if (nonNull.length === 1) {
      const { anyOf: _a, oneOf: _o, ...rest } = schema;
      return resolve({ ...nonNull[0]!, ...rest }, root, depth + 1);
    }
    const constants = nonNull.map((s) => s.const);
    if (constants.every((c) => typeof c === 'string')) return { ...schema, type: 'string', enum: constants };
  }
  return schema;
}

function lookupRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (ref === '#') return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  return (root[match[1]!] as Record<string, JsonSchema> | undefined)?.[decodeURIComponent(match[2]!)];
}

function primaryType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

function enumOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.enum)) return schema.enum.filter((v): v is string => typeof v === 'string');
  return [];
}

/** A fresh value for a new list item or map entry: its default, or the emptiest value of its kind. */
export function emptyValue(spec: FieldSpec): unknown {
  if (spec.defaultValue !== undefined) return structuredClone(spec.defaultValue);
  switch (spec.kind) {
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'select':
      return spec.options?.[0]?.value ?? '';
    case 'multiselect':
    case 'list':
      return [];
    case 'map':
      return {};
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const field of spec.fields ?? []) if (field.required) value[field.name] = emptyValue(field);
      return value;
    }
    case 'json':
      return null;
    default:
      return '';
  }
}

/** `visibleWhen: { mode: ['append'] }` against the sibling values of the object holding the field. */
export function isVisible(spec: FieldSpec, siblings: Record<string, unknown> | undefined): boolean {
  if (!spec.visibleWhen) return true;
  return Object.entries(spec.visibleWhen).every(([key, allowed]) =>
    allowed.includes(siblings?.[key] as string | number | boolean),
  );
}
