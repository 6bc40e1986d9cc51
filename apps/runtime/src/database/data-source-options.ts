import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/runtime-config.js';
import { ENTITIES, MIGRATIONS } from './schema.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** TypeORM options for the configured database: migrations run at start, never synchronize. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  };
  switch (database.type) {
    case 'sqlite':
      mkdirSync(dirname(database.path), { recursive: true });
      return {
        ...common,
        type: 'better-sqlite3',
        database: database.path,
        // WAL lets readers (health, lists) go on while a write commits.
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          db.pragma('journal_mode = WAL');
          db.pragma('foreign_keys = ON');
          db.pragma('busy_timeout = 5000');
        },
      };
    case 'postgres':
      return {
        ...common,
        type: 'postgres',
        url: database.url,
        ...(database.schema
          ? { schema: database.schema, extra: { options: `-c search_path=${database.schema}` } }
          : {}),
      };
    case 'mssql':
      return { ...common, type: 'mssql', ...mssqlOptionsFromUrl(database.url) };
  }
}

/**
 * mssql://user:password@host:1433/database?encrypt=true&trustServerCertificate=false&instanceName=X.
 * Parsed here rather than by TypeORM, whose URL parser drops the query and takes the scheme as the driver type.
 */
export function mssqlOptionsFromUrl(text: string) {
  const url = new URL(text);
  const flag = (name: string, fallback: boolean) => {
    const value = url.searchParams.get(name);
    return value === null ? fallback : value === 'true' || value === '1';
  };
  const instanceName = url.searchParams.get('instanceName') ?? undefined;
  return {
    host: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
    options: {
      encrypt: flag('encrypt', true),
      trustServerCertificate: flag('trustServerCertificate', false),
      ...(instanceName ? { instanceName } : {}),
    },
  };
}
