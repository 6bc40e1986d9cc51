import { describe, expect, it } from 'vitest';
import { dataSourceOptions, mssqlOptionsFromUrl } from './data-source-options.js';
import { MIGRATIONS } from './schema.js';

describe('dataSourceOptions', () => {
  it('never synchronizes, and runs the committed migrations at start', () => {
    const options = dataSourceOptions({ type: 'postgres', url: 'postgres://u@h/db', schema: 'tenant_a' });
    expect(options).toMatchObject({ type: 'postgres', synchronize: false, migrationsRun: true, schema: 'tenant_a' });
    expect(options.migrations).toEqual(MIGRATIONS);
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(1);
  });

  it('reads an SQL Server URL with its options', () => {
    expect(
      mssqlOptionsFromUrl('mssql://sa:p%40ss@db.local:1444/ivr?trustServerCertificate=true&instanceName=SQLEXPRESS'),
    ).toEqual({
      host: 'db.local',
      port: 1444,
      username: 'sa',
      password: 'p@ss',
      database: 'ivr',
      options: { encrypt: true, trustServerCertificate: true, instanceName: 'SQLEXPRESS' },
    });
    expect(mssqlOptionsFromUrl('sqlserver://u:p@db/ivr?encrypt=false').options).toEqual({
      encrypt: false,
      trustServerCertificate: false,
    });
  });
});
