/** Timestamps are stored as ISO-8601 UTC text (see database/json-text.ts for why plain columns). */
export const nowIso = (): string => new Date().toISOString();
