import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { portableColumns } from './portable-columns.js';

/** Global variables (scope `global`), shared by the runtime nodes through the database. */
export class GlobalVariables1764000000000 implements MigrationInterface {
  name = 'GlobalVariables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'global_variables',
        columns: [
          c.id('name', 128),
          c.text('value'),
          c.int('revision'),
          c.string('updated_at', 32),
          c.string('updated_by', 64),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('global_variables');
  }
}
