import type { Kysely } from 'kysely';

/** Daily counts of findings by product and status: the dashboard's compliance trend. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compliance_snapshots')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('product', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('hosts', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_snapshots_pk', ['day', 'product', 'status'])
    .execute();
}
