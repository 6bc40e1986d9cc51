/**
 * How the integrations find a named connection. The connections module stores them with sealed
 * secrets; the lead wires `resolve` to its `resolveByName`, so the adapters never see storage and
 * tests pass plain objects.
 */
import { createHash } from 'node:crypto';

export interface IntegrationConnection {
  name: string;
  /** sql, sms, smtp, http... (connection-kinds.ts). */
  type: string;
  /** mssql, postgres, mysql, sqlite, smpp, http, smtp... */
  driver: string;
  settings: Readonly<Record<string, unknown>>;
  /** In the clear, in memory only: never logged, scrubbed from error messages. */
  secrets: Readonly<Record<string, string>>;
}

export interface ConnectionResolver {
  /** Null when no connection has that name. */
  resolve(name: string): Promise<IntegrationConnection | null>;
}

/** A connection was missing, of the wrong type, or its settings cannot be used. */
export class ConnectionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionConfigError';
  }
}

export async function requireConnection(
  resolver: ConnectionResolver,
  name: string,
  type: string,
): Promise<IntegrationConnection> {
  const connection = await resolver.resolve(name);
  if (!connection) throw new ConnectionConfigError(`no connection named "${name}"`);
  if (connection.type !== type) {
    throw new ConnectionConfigError(`connection "${name}" is a ${connection.type} connection, not ${type}`);
  }
  return connection;
}

/** Changes whenever a connection is edited, so pools and sessions built from the old settings are replaced. */
export function connectionFingerprint(connection: IntegrationConnection): string {
  const canonical = JSON.stringify([connection.driver, sortKeys(connection.settings), sortKeys(connection.secrets)]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  return Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
}

/** Driver errors may quote what they were given (a password in a URL); no secret leaves in a message. */
export function scrubSecrets(message: string, secrets: Readonly<Record<string, string>>): string {
  let clean = message;
  for (const value of Object.values(secrets))
    if (value && value.length >= 3) clean = clean.split(value).join('[redacted]');
  return clean;
}

export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(errorText).join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
