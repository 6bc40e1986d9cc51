import type { LocalizedText } from '@ivr/scenario-schema';

/**
 * Widgets the designer knows how to render. A param's widget also tells the reader how the value is
 * read at run time: `expression` is CEL, `template` is text with `{{ cel }}` parts, `variable` is the
 * name of a declared variable, `code-sql` is literal SQL (never a template: values are bound, never spliced).
 */
export const WIDGETS = [
  'text',
  'textarea',
  'number',
  'boolean',
  'select',
  'multiselect',
  'expression',
  'template',
  'variable',
  'variable-map',
  'expression-map',
  'template-map',
  'prompt',
  'digits',
  'duration',
  'time',
  'date',
  'timezone',
  'connection',
  'scenario',
  'headers',
  'code-sql',
  'json',
  'file',
  'list',
  'object',
] as const;
export type Widget = (typeof WIDGETS)[number];

/** Kinds of named connections the runtime manages (integrations module). */
export const CONNECTION_KINDS = ['sql', 'http', 'sms', 'smtp', 'payment'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** UI hint stored in zod metadata under `ui`; it reaches the JSON Schema the designer builds forms from. */
export interface UiHint {
  widget: Widget;
  label: LocalizedText;
  help?: LocalizedText;
  placeholder?: string;
  /** For `connection`: which kind of connection to offer. */
  connectionKind?: ConnectionKind;
  /** For `expression` fields: the CEL type the value must have (mirrors the definition's `expressions`). */
  expressionType?: string;
  /**
   * The string is used verbatim: `{{ }}` in it is not a template (SQL text, where values are bound
   * as parameters and never spliced). The validator should skip template checks for it.
   */
  literal?: boolean;
  /** Shown under an "advanced" fold. */
  advanced?: boolean;
  /** Only meaningful when a sibling param (same object) has one of these values, e.g. `{ mode: ['append'] }`. */
  visibleWhen?: Record<string, readonly (string | boolean | number)[]>;
  /** Localized option labels for `select` widgets, by option value. */
  options?: Record<string, LocalizedText>;
  /** For map widgets: what the keys and the values mean. */
  keyLabel?: LocalizedText;
  valueLabel?: LocalizedText;
}

/** The zod metadata object carrying a UI hint: `schema.meta(ui({...}))`. */
export function ui(hint: UiHint): { ui: UiHint } {
  return { ui: hint };
}
