export * from './diagnostics.js';
export { validate, hasErrors, type ValidateOptions } from './validate.js';
export { matchParamPath } from './param-paths.js';
