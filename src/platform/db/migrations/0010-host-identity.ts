import type { Kysely } from 'kysely';

/**
 * Host identity binding (issue 9, item 1). An osquery node says which serial it has, and anyone
 * with the shared enroll secret can say anything: a node joins another source's host only when
 * the hardware UUID that source reports for the serial matches its own. So each source's view
 * keeps the hardware UUID it reported, and a host kept apart records the serial it claimed and
 * the host that holds it, for the dashboard, the API and `patchbay hosts` to show.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds columns one at a time.
  await db.schema.alterTable('host_sources').addColumn('hardware_uuid', 'varchar(64)').execute();
  await db.schema.alterTable('hosts').addColumn('conflict_serial', 'varchar(200)').execute();
  await db.schema.alterTable('hosts').addColumn('conflict_with', 'varchar(64)').execute();
}
