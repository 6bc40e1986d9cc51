import type { ValueTransformer } from 'typeorm';

/**
 * Stores a JSON value in a plain text column. Chosen over driver JSON types so one schema works
 * on SQLite, PostgreSQL and SQL Server alike.
 */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? null : (JSON.parse(value) as unknown)),
};

/**
 * A JSON object column's type. `any` members because TypeORM's deep-partial update types reject
 * `unknown`; values are checked by zod before they are stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;
