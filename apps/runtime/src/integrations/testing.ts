/** Test helpers shared by the integration specs (never imported by the adapters). */
import type { ConnectionResolver, IntegrationConnection } from './connection-resolver.js';

/** A resolver over fixed connections; `set` edits one as the connections API would. */
export function fixedConnections(...connections: IntegrationConnection[]) {
  const byName = new Map(connections.map((c) => [c.name, c]));
  const resolver: ConnectionResolver & { set(connection: IntegrationConnection): void } = {
    resolve: async (name) => byName.get(name) ?? null,
    set: (connection) => byName.set(connection.name, connection),
  };
  return resolver;
}

/** `postgres://user:pass@host:port/db` -> the settings and secrets a stored connection would hold. */
export function serverConnection(name: string, driver: 'postgres' | 'mysql', url: string): IntegrationConnection {
  const parsed = new URL(url);
  return {
    name,
    type: 'sql',
    driver,
    settings: {
      host: parsed.hostname,
      port: Number(parsed.port) || (driver === 'postgres' ? 5432 : 3306),
      database: parsed.pathname.replace(/^\//, ''),
      user: decodeURIComponent(parsed.username) || undefined,
      ssl: false,
    },
    secrets: parsed.password ? { password: decodeURIComponent(parsed.password) } : {},
  };
}

export const neverAborted: AbortSignal = new AbortController().signal;
