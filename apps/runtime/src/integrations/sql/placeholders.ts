import { scanSqlParameters, type ScannedSql } from '@ivr/components';

export type SqlDialect = 'mssql' | 'postgres' | 'mysql' | 'sqlite';

/** The query as a driver takes it: the text with its placeholders and the values beside it. */
export interface BoundQuery {
  text: string;
  /** Positional values (PostgreSQL `$n`, MySQL and SQLite `?`). Empty for MSSQL, which binds by name. */
  values: unknown[];
  scanned: ScannedSql;
}

/** A `@Name` of the query has no value: the query is not sent rather than run with a hole in it. */
export class MissingParameterError extends Error {
  constructor(name: string) {
    super(`the query uses @${name} but no value was given for it`);
    this.name = 'MissingParameterError';
  }
}

/** `SELECT @Name = ...` outside MSSQL: said plainly instead of run as something else. */
export class OutputParameterError extends Error {
  constructor(name: string, dialect: SqlDialect) {
    super(
      `the query assigns @${name} (SELECT @${name} = ...), which only MSSQL supports; on ${dialect} select the value as a column and map it to the variable`,
    );
    this.name = 'OutputParameterError';
  }
}

/**
 * Rewrites each `@Name` of the scenario's query into the dialect's placeholder and lines the values
 * up beside it. Only the placeholders change; values never enter the text, whatever they contain.
 * MSSQL keeps `@Name` (its own syntax); the request binds the values by name.
 */
export function bindParameters(
  sql: string,
  dialect: SqlDialect,
  params: Readonly<Record<string, unknown>>,
): BoundQuery {
  const scanned = scanSqlParameters(sql, { backslashEscapes: dialect === 'mysql' });
  for (const name of scanned.names)
    if (!Object.prototype.hasOwnProperty.call(params, name)) throw new MissingParameterError(name);
  if (dialect === 'mssql') return { text: sql, values: [], scanned };
  if (scanned.assigned.length > 0) {
    // Elsewhere `SELECT @x = ...` would quietly become a comparison returning true or false.
    throw new OutputParameterError(scanned.assigned[0]!, dialect);
  }

  const values: unknown[] = [];
  const numbered = new Map<string, number>();
  let text = '';
  let from = 0;
  for (const ref of scanned.refs) {
    text += sql.slice(from, ref.start);
    from = ref.end;
    const value = toDriverValue(params[ref.name], dialect);
    if (dialect === 'postgres') {
      // PostgreSQL numbers its parameters: one number per name, reused where the name repeats.
      let index = numbered.get(ref.name);
      if (index === undefined) {
        values.push(value);
        index = values.length;
        numbered.set(ref.name, index);
      }
      text += `$${index}`;
    } else {
      values.push(value);
      text += '?';
    }
  }
  text += sql.slice(from);
  return { text, values, scanned };
}

/** Scenario values (JSON-friendly) as each driver accepts them. */
export function toDriverValue(value: unknown, dialect: SqlDialect): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return dialect === 'postgres' || dialect === 'mssql' ? value : value ? 1 : 0;
  if (value instanceof Date) return dialect === 'sqlite' ? value.toISOString() : value;
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value;
}
