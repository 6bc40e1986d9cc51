export * from './i18n.js';
export * from './document.js';
export * from './catalog.js';
export * from './expressions/index.js';
export * from './validate/index.js';
export * from './migrations/migrate.js';
export * from './graph/react-flow.js';
export * from './json-schema.js';
