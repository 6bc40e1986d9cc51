export * from './engine.js';
export * from './errors.js';
export * from './message-bus.js';
export * from './program.js';
export * from './trace.js';
export * from './variables.js';
