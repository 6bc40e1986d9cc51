import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders that pick the right type per database, so one migration serves SQLite,
 * PostgreSQL and SQL Server (where text must be nvarchar for non-Latin names).
 */
export function portableColumns(queryRunner: QueryRunner) {
  const mssql = queryRunner.connection.options.type === 'mssql';
  const base = (name: string, nullable: boolean) => ({ name, isNullable: nullable });
  return {
    string: (name: string, length: number, nullable = false): TableColumnOptions => ({
      ...base(name, nullable),
      type: mssql ? 'nvarchar' : 'varchar',
      length: String(length),
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({
      ...base(name, nullable),
      type: mssql ? 'nvarchar' : 'text',
      ...(mssql ? { length: 'MAX' } : {}),
    }),
    int: (name: string, nullable = false): TableColumnOptions => ({ ...base(name, nullable), type: 'int' }),
    bool: (name: string, nullable = false): TableColumnOptions => ({
      ...base(name, nullable),
      type: mssql ? 'bit' : 'boolean',
    }),
    id: (name = 'id', length = 36): TableColumnOptions => ({
      name,
      type: mssql ? 'nvarchar' : 'varchar',
      length: String(length),
      isPrimary: true,
      isNullable: false,
    }),
  };
}
