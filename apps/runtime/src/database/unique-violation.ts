import { QueryFailedError } from 'typeorm';

/** True when a write failed on a primary key or unique constraint (SQLite, PostgreSQL, SQL Server). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; number?: unknown } | undefined;
  const code = String(driverError?.code ?? '');
  return (
    code === '23505' ||
    code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') ||
    code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
    driverError?.number === 2627 ||
    driverError?.number === 2601
  );
}

/** Runs a write and turns a unique-constraint failure into the given error. */
export async function onUniqueViolation<T>(write: () => Promise<T>, toError: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw toError();
    throw error;
  }
}
