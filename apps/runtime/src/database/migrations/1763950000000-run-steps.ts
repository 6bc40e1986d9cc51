import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { portableColumns } from './portable-columns.js';

/** Traced steps of scenario runs (live view, replay, the calls page). */
export class RunSteps1763950000000 implements MigrationInterface {
  name = 'RunSteps1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'run_steps',
        columns: [
          c.id('run_id', 36),
          { ...c.int('seq'), isPrimary: true },
          c.string('call_id', 64, true),
          c.string('scenario_id', 64),
          c.int('scenario_version'),
          c.string('node_id', 64),
          c.string('component', 64),
          c.string('exit', 64, true),
          c.string('started_at', 32),
          c.int('duration_ms'),
          c.text('changed'),
          c.text('notes'),
          c.text('error', true),
        ],
        indices: [
          { name: 'ix_run_steps_call_id', columnNames: ['call_id'] },
          { name: 'ix_run_steps_started_at', columnNames: ['started_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_steps');
  }
}
