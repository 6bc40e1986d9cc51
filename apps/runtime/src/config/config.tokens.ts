/** Injection token of the RuntimeConfig. */
export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');
