import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { portableColumns } from './portable-columns.js';

/** Jobs (in-process queue), schedules, triggers, callbacks; campaigns, contacts, attempts, do-not-call. */
export class JobsAndCampaigns1763900000000 implements MigrationInterface {
  name = 'JobsAndCampaigns1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const stamps = [c.string('created_at', 32), c.string('updated_at', 32)];

    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          c.id('id', 200),
          c.string('kind', 32),
          c.text('payload'),
          c.string('status', 16),
          c.string('run_at', 32),
          c.int('attempts'),
          c.int('max_attempts'),
          c.string('lease_owner', 64, true),
          c.string('lease_until', 32, true),
          c.string('last_error', 2000, true),
          ...stamps,
        ],
        indices: [{ name: 'ix_jobs_status_run_at', columnNames: ['status', 'run_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'service_schedules',
        columns: [
          c.id(),
          c.string('name', 100),
          c.string('scenario_id', 64),
          c.string('cron', 100),
          c.string('time_zone', 64),
          c.text('args'),
          c.bool('enabled'),
          c.string('next_run_at', 32, true),
          c.string('last_run_at', 32, true),
          ...stamps,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'service_triggers',
        columns: [
          c.id(),
          c.string('name', 100),
          c.string('type', 16),
          c.string('scenario_id', 64),
          c.text('settings'),
          c.text('sealed_secret', true),
          c.bool('enabled'),
          ...stamps,
        ],
        indices: [{ name: 'ix_service_triggers_type', columnNames: ['type'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'callbacks',
        columns: [
          c.id(),
          c.string('number', 64),
          c.string('dedupe_key', 100),
          c.string('source', 16),
          c.string('scenario_id', 64),
          c.text('request'),
          c.string('status', 16),
          c.int('attempts_made'),
          c.int('max_attempts'),
          c.int('retry_interval_ms'),
          c.string('next_attempt_at', 32),
          c.string('last_cause', 64, true),
          c.string('result', 200, true),
          ...stamps,
        ],
        uniques: [{ name: 'uq_callbacks_dedupe_key', columnNames: ['dedupe_key'] }],
        indices: [{ name: 'ix_callbacks_status', columnNames: ['status', 'next_attempt_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          c.id(),
          c.string('name', 100),
          c.string('status', 16),
          c.string('file_path', 200),
          c.string('original_name', 200),
          c.string('format', 8),
          c.text('mapping', true),
          c.text('settings', true),
          c.text('report', true),
          c.string('dispatcher_owner', 64, true),
          c.string('dispatcher_until', 32, true),
          c.string('created_by', 64),
          ...stamps,
          c.string('started_at', 32, true),
          c.string('finished_at', 32, true),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'campaign_contacts',
        columns: [
          c.id(),
          c.string('campaign_id', 36),
          c.int('row_number'),
          c.string('phone', 32),
          c.string('external_id', 200, true),
          c.string('time_zone', 64, true),
          c.text('variables'),
          c.string('status', 16),
          c.int('attempts'),
          c.string('next_attempt_at', 32, true),
          c.string('last_cause', 64, true),
          c.string('result', 200, true),
          c.text('result_variables', true),
          c.string('excluded_reason', 32, true),
          c.string('updated_at', 32),
        ],
        foreignKeys: [
          {
            name: 'fk_campaign_contacts_campaign',
            columnNames: ['campaign_id'],
            referencedTableName: 'campaigns',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        uniques: [{ name: 'uq_campaign_contacts_row', columnNames: ['campaign_id', 'row_number'] }],
        indices: [{ name: 'ix_campaign_contacts_due', columnNames: ['campaign_id', 'status', 'next_attempt_at'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'campaign_attempts',
        columns: [
          c.id('id', 48),
          c.string('campaign_id', 36),
          c.string('contact_id', 36),
          c.int('attempt_no'),
          c.string('status', 16),
          c.string('lease_owner', 64, true),
          c.string('lease_until', 32, true),
          c.string('queued_at', 32),
          c.string('started_at', 32, true),
          c.string('ended_at', 32, true),
          c.string('outcome', 32, true),
          c.string('cause', 64, true),
          c.string('result', 200, true),
        ],
        foreignKeys: [
          {
            name: 'fk_campaign_attempts_campaign',
            columnNames: ['campaign_id'],
            referencedTableName: 'campaigns',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'ix_campaign_attempts_status', columnNames: ['campaign_id', 'status'] },
          { name: 'ix_campaign_attempts_queued_at', columnNames: ['campaign_id', 'queued_at'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'do_not_call',
        columns: [
          c.id('number', 32),
          c.string('reason', 200, true),
          c.string('added_by', 64),
          c.string('added_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'do_not_call',
      'campaign_attempts',
      'campaign_contacts',
      'campaigns',
      'callbacks',
      'service_triggers',
      'service_schedules',
      'jobs',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
