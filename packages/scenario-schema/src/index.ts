export * from './i18n.js';
export * from './document.js';
export * from './catalog.js';
