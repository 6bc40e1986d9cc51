export type Severity = 'error' | 'warning';

/** One finding of the validator. `path` is a JSON Pointer into the scenario document. */
export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  nodeId?: string;
  path: string;
}

/** Every code the validator emits, with what it means (the reference in docs/dsl.md comes from here). */
export const DIAGNOSTIC_CODES = {
  'not-an-object': 'The document is not a JSON object.',
  'format-unsupported': 'The `format` field names no format this version knows.',
  'schema-invalid':
    'The document does not match the scenario schema (a missing field, a wrong type, an unknown field).',
  'duplicate-node-id': 'Two nodes share one id.',
  'duplicate-name': 'Two params or variables share one name.',
  'reserved-name': 'A param or variable uses a reserved name (call, run, error, now, or a CEL keyword).',
  'initial-value-type': "A variable's initial value or a param's default does not fit its declared type.",
  'return-undeclared': 'A name in `returns` is not a declared variable or param.',
  'start-missing': '`start` names no node of the scenario.',
  'handler-missing': '`onError` or `onHangup` names no node of the scenario.',
  'exit-target-missing': 'An exit leads to a node id that does not exist.',
  'unknown-component': "A node's type is not in the component catalog.",
  'unknown-component-version': "A node's typeVersion does not exist for its component.",
  'component-not-implemented': 'The component has no executor yet: the scenario cannot run this node.',
  'component-kind-not-allowed': 'The component is not allowed in this kind of scenario.',
  'params-invalid': "A node's params do not match its component's params schema.",
  'unknown-exit': 'A node wires an exit its component does not have.',
  'exit-unconnected': 'A required exit is not wired to a node.',
  'unreachable-node': 'No path from start, onError or onHangup reaches the node.',
  'loop-without-wait': 'A loop that never waits for the caller, a timer or a peer, and has no maxPasses limit.',
  'call-precondition':
    'A call component runs where no call leg can exist (a service scenario before a dial is answered).',
  'call-component-in-hangup-handler': 'A call component is reachable from onHangup, where the call is already gone.',
  'expression-syntax': 'An expression or `{{ }}` template does not parse.',
  'expression-type': 'An expression has the wrong type or uses an operation its types do not support.',
  'undefined-variable': 'An expression uses a variable that is not declared.',
  'variable-target-undeclared': 'A component writes into a variable that is not declared.',
  'scenario-ref-missing': 'A sub-scenario, service or callback names a scenario that does not exist.',
  'layout-unknown-node': 'The layout positions a node id that does not exist (harmless, dropped on save).',
  'validator-internal': 'The validator itself failed on this input (a bug: please report it).',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.length === 0 ? '' : '/' + segments.map(pointerSegment).join('/');
}
