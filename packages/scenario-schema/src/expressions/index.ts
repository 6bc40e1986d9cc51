export * from './system-variables.js';
export * from './value-types.js';
export * from './template.js';
export * from './environment.js';
export * from './check.js';
export * from './evaluate.js';
