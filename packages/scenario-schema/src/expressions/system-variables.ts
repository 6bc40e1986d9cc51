/**
 * Variables every scenario can read without declaring them. Their names are reserved: a scenario
 * may not declare a param or variable with one of them.
 */
export const SYSTEM_VARIABLE_SCHEMAS = {
  /** The current call leg (empty strings in a service scenario until a dial is answered). */
  call: {
    uuid: 'string',
    callerId: 'string',
    callerName: 'string',
    dialedNumber: 'string',
    /** Incoming SIP headers by name, e.g. call.headers["X-Order-Id"]. */
    headers: 'map<string, string>',
    answered: 'bool',
  },
  /** The running scenario instance. */
  run: {
    id: 'string',
    scenarioId: 'string',
    version: 'int',
    kind: 'string',
  },
  /** The last error, for onError handlers. */
  error: {
    code: 'string',
    message: 'string',
    nodeId: 'string',
  },
} as const;

export type SystemVariableName = keyof typeof SYSTEM_VARIABLE_SCHEMAS | 'now';

export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(SYSTEM_VARIABLE_SCHEMAS),
  'now',
  // CEL keywords and built-in identifiers that would shadow the language.
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'list',
  'map',
  'type',
  'dyn',
  'timestamp',
  'duration',
]);

export interface CallInfo {
  uuid: string;
  callerId: string;
  callerName: string;
  dialedNumber: string;
  headers: Record<string, string>;
  answered: boolean;
}

export interface RunInfo {
  id: string;
  scenarioId: string;
  version: number;
  kind: string;
}

export interface ErrorInfo {
  code: string;
  message: string;
  nodeId: string;
}

export interface SystemValues {
  call?: Partial<CallInfo>;
  run?: Partial<RunInfo>;
  error?: Partial<ErrorInfo>;
  now?: Date;
}
