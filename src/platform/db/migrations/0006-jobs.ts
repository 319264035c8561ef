import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** Tables of src/platform/jobs: schedules (the enqueue gate) and runs (the durable queue). */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('interval_ms', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_run_at', 'varchar(40)')
    .addColumn('last_status', 'varchar(20)')
    .addColumn('last_error', 'text')
    .addColumn('last_duration_ms', 'integer')
    .execute();
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'integer', (c) => adapter.autoId(c))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_after', 'varchar(40)', (c) => c.notNull())
    .addColumn('lease_owner', 'varchar(200)')
    .addColumn('lease_until', 'varchar(40)')
    .addColumn('dedupe_key', 'varchar(300)', (c) => c.unique())
    .addColumn('started_at', 'varchar(40)')
    .addColumn('finished_at', 'varchar(40)')
    .addColumn('error', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // The claim query scans by status and due time; the overlap check and history by name.
  await db.schema
    .createIndex('job_runs_due')
    .on('job_runs')
    .columns(['status', 'run_after'])
    .execute();
  await db.schema.createIndex('job_runs_name').on('job_runs').columns(['name', 'status']).execute();
}
