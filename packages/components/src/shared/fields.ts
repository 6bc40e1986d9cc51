/**
 * Param builders shared by the components, so that the same kind of value (a variable name, a
 * duration, a connection) is validated, labelled and rendered the same way everywhere.
 */
import { z } from 'zod';
import type { LocalizedText } from '@ivr/scenario-schema';
import { t } from './text.js';
import { ui, type ConnectionKind, type UiHint } from './ui.js';

type Extra = Omit<Partial<UiHint>, 'widget' | 'label'>;

/** Same rule as a declared variable's name in the scenario document. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Same rule as an exit id in the scenario document: user-named exits (cases, branches) follow it. */
export const EXIT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Same rule as a scenario id in the scenario document. */
export const SCENARIO_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** RFC 7230 token characters: what a SIP/HTTP header name may contain. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
export const DTMF = /^[0-9*#]*$/;

export function variableName(label: LocalizedText, extra: Extra = {}) {
  return z
    .string()
    .regex(VARIABLE_NAME, 'must be the name of a declared variable')
    .meta(ui({ widget: 'variable', label, ...extra }));
}

export function connectionName(connectionKind: ConnectionKind, extra: Extra = {}) {
  return z
    .string()
    .min(1)
    .max(128)
    .meta(ui({ widget: 'connection', label: t('Connection', 'Подключение', 'Conexión'), connectionKind, ...extra }));
}

export function scenarioRef(label: LocalizedText, extra: Extra = {}) {
  return z
    .string()
    .regex(SCENARIO_ID, 'must be a scenario id')
    .meta(ui({ widget: 'scenario', label, ...extra }));
}

function secondsSchema(range: { min?: number; max?: number }) {
  return z
    .number()
    .min(range.min ?? 0)
    .max(range.max ?? 86_400);
}

/** Durations are seconds everywhere (fractions allowed). */
export function seconds(
  defaultValue: number,
  label: LocalizedText,
  range: { min?: number; max?: number } = {},
  extra: Extra = {},
) {
  return secondsSchema(range)
    .default(defaultValue)
    .meta(ui({ widget: 'duration', label, ...extra }));
}

/** A duration without a default: absent means "not set" (e.g. inherit the node's value). */
export function optionalSeconds(label: LocalizedText, range: { min?: number; max?: number } = {}, extra: Extra = {}) {
  return secondsSchema(range)
    .optional()
    .meta(ui({ widget: 'duration', label, ...extra }));
}

export function count(
  defaultValue: number,
  label: LocalizedText,
  range: { min: number; max: number },
  extra: Extra = {},
) {
  return z
    .number()
    .int()
    .min(range.min)
    .max(range.max)
    .default(defaultValue)
    .meta(ui({ widget: 'number', label, ...extra }));
}

/** Text with `{{ cel }}` parts. `minLength` 1 for a template that must not be empty. */
export function template(label: LocalizedText, extra: Extra = {}, minLength = 0) {
  return z
    .string()
    .min(minLength)
    .max(10_000)
    .meta(ui({ widget: 'template', label, ...extra }));
}

/** A CEL expression; list its path in the definition's `expressions` with the same type. */
export function expression(expressionType: string, label: LocalizedText, extra: Extra = {}) {
  return z
    .string()
    .min(1)
    .max(10_000)
    .meta(ui({ widget: 'expression', label, expressionType, ...extra }));
}

/** Source name (column, header, JSON path, field) -> variable that receives it. */
export function variableMap(label: LocalizedText, keyLabel: LocalizedText, extra: Extra = {}) {
  return z
    .record(z.string().min(1).max(256), z.string().regex(VARIABLE_NAME, 'must be the name of a declared variable'))
    .default({})
    .meta(
      ui({ widget: 'variable-map', label, keyLabel, valueLabel: t('Variable', 'Переменная', 'Variable'), ...extra }),
    );
}

/** Name -> CEL expression (arguments of a called scenario, message payload). */
export function expressionMap(label: LocalizedText, keyLabel: LocalizedText, extra: Extra = {}) {
  return z
    .record(z.string().regex(VARIABLE_NAME, 'must be a name: letters, digits and _'), z.string().min(1).max(10_000))
    .default({})
    .meta(
      ui({
        widget: 'expression-map',
        label,
        keyLabel,
        valueLabel: t('Expression', 'Выражение', 'Expresión'),
        ...extra,
      }),
    );
}

/** Header name -> template value (SIP headers of a bridge, HTTP request headers). */
export function headersParam(label: LocalizedText, extra: Extra = {}) {
  return z
    .record(z.string().regex(HEADER_NAME, 'must be a header name'), z.string().max(4_000))
    .default({})
    .meta(ui({ widget: 'headers', label, ...extra }));
}

export function dtmfKeys(defaultValue: string, label: LocalizedText, extra: Extra = {}) {
  return z
    .string()
    .regex(DTMF, 'only 0-9, * and #')
    .max(12)
    .default(defaultValue)
    .meta(ui({ widget: 'digits', label, ...extra }));
}

export function flag(defaultValue: boolean, label: LocalizedText, extra: Extra = {}) {
  return z
    .boolean()
    .default(defaultValue)
    .meta(ui({ widget: 'boolean', label, ...extra }));
}

/** An enum rendered as a select with localized option labels. */
export function choice<const V extends readonly [string, ...string[]]>(
  values: V,
  defaultValue: V[number],
  label: LocalizedText,
  options: Record<V[number], LocalizedText>,
  extra: Extra = {},
) {
  return z
    .enum(values)
    .default(defaultValue)
    .meta(ui({ widget: 'select', label, options, ...extra }));
}
