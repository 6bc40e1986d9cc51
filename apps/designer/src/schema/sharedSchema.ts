/**
 * The designer's one door to the shared scenario language: the same validator the runtime runs on
 * publish, so the problems panel shows exactly what publishing would refuse.
 */
import { SYSTEM_VARIABLE_SCHEMAS, validate, type Catalog } from '@ivr/scenario-schema';
import type { Diagnostic } from '../api/types';

export function validateScenario(doc: unknown, catalog: Catalog): Diagnostic[] {
  return validate(doc, catalog);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Names every expression can use without declaring them (`call.callerId`, `now`...), for autocomplete. */
export function systemVariableNames(): string[] {
  return [
    ...Object.entries(SYSTEM_VARIABLE_SCHEMAS).flatMap(([root, fields]) =>
      Object.keys(fields).map((f) => `${root}.${f}`),
    ),
    'now',
  ];
}
