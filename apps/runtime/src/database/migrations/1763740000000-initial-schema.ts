import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { portableColumns } from './portable-columns.js';

/** The first schema: users, audit, scenarios and versions, routing, connections, prompts, CDRs. */
export class InitialSchema1763740000000 implements MigrationInterface {
  name = 'InitialSchema1763740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const stamps = [c.string('created_at', 32), c.string('updated_at', 32)];

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [c.id(), c.string('username', 64), c.string('password_hash', 100), c.string('role', 16), ...stamps],
        uniques: [{ name: 'uq_users_username', columnNames: ['username'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          c.id(),
          c.string('at', 32),
          c.string('actor', 64),
          c.string('action', 100),
          c.string('target_type', 32, true),
          c.string('target_id', 200, true),
          c.text('details', true),
        ],
        indices: [{ name: 'ix_audit_log_at', columnNames: ['at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'scenarios',
        columns: [
          c.id('id', 64),
          c.string('name', 200),
          c.string('kind', 16),
          c.text('draft'),
          c.int('revision'),
          c.int('live_version', true),
          c.string('created_at', 32),
          c.string('created_by', 64),
          c.string('updated_at', 32),
          c.string('updated_by', 64),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'scenario_versions',
        columns: [
          c.id('scenario_id', 64),
          { ...c.int('version'), isPrimary: true },
          c.text('document'),
          c.string('checksum', 64),
          c.string('note', 2000),
          c.string('published_by', 64),
          c.string('published_at', 32),
        ],
        foreignKeys: [
          {
            name: 'fk_scenario_versions_scenario',
            columnNames: ['scenario_id'],
            referencedTableName: 'scenarios',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'routes',
        columns: [
          c.id(),
          c.string('name', 100),
          c.string('match_type', 16),
          c.string('pattern', 200),
          c.string('scenario_id', 64),
          c.int('priority'),
          c.text('time_conditions', true),
          c.string('time_zone', 64, true),
          c.bool('enabled'),
          c.string('description', 1000, true),
          ...stamps,
        ],
        indices: [{ name: 'ix_routes_scenario', columnNames: ['scenario_id'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'parking_lots',
        columns: [
          c.id(),
          c.string('name', 100),
          c.string('park_number', 32),
          c.int('slot_from'),
          c.int('slot_to'),
          c.int('timeout_seconds'),
          c.string('description', 1000, true),
          ...stamps,
        ],
        uniques: [{ name: 'uq_parking_lots_name', columnNames: ['name'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'callback_numbers',
        columns: [
          c.id(),
          c.string('number', 32),
          c.string('scenario_id', 64, true),
          c.string('gateway', 100, true),
          c.string('description', 1000, true),
          ...stamps,
        ],
        uniques: [{ name: 'uq_callback_numbers_number', columnNames: ['number'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'connections',
        columns: [
          c.id(),
          c.string('name', 64),
          c.string('type', 16),
          c.string('driver', 16),
          c.text('settings'),
          c.text('sealed_secrets', true),
          c.string('description', 1000, true),
          ...stamps,
        ],
        uniques: [{ name: 'uq_connections_name', columnNames: ['name'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'prompts',
        columns: [
          c.id(),
          c.string('name', 64),
          c.string('language', 16),
          c.string('format', 8),
          c.int('size_bytes'),
          c.int('duration_ms', true),
          c.int('sample_rate', true),
          c.int('channels', true),
          c.string('file_path', 200),
          c.string('description', 1000, true),
          c.string('uploaded_by', 64),
          c.string('uploaded_at', 32),
        ],
        uniques: [{ name: 'uq_prompts_name_language', columnNames: ['name', 'language'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'call_records',
        columns: [
          c.id(),
          c.string('direction', 16),
          c.string('caller', 64, true),
          c.string('callee', 64, true),
          c.string('scenario_id', 64, true),
          c.int('scenario_version', true),
          c.string('started_at', 32),
          c.string('answered_at', 32, true),
          c.string('ended_at', 32, true),
          c.int('duration_ms', true),
          c.string('result', 32, true),
          c.string('hangup_cause', 64, true),
          c.string('campaign_id', 64, true),
          c.text('legs', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'call_records',
      new TableIndex({ name: 'ix_call_records_started_at', columnNames: ['started_at'] }),
    );
    await queryRunner.createIndex(
      'call_records',
      new TableIndex({ name: 'ix_call_records_scenario', columnNames: ['scenario_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'call_records',
      'prompts',
      'connections',
      'callback_numbers',
      'parking_lots',
      'routes',
      'scenario_versions',
      'scenarios',
      'audit_log',
      'users',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
