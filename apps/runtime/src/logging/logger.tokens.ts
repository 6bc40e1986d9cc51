/** Injection token of the root pino Logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
