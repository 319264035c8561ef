import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The Apple support window (issue 10): a host on an ended macOS major is sent to the newest
 * major its hardware runs, so the hardware model identifier ("Mac14,10") is kept per source and
 * per host, and the feed's model list (SOFA `Models`) with the majors each model runs.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema.alterTable('host_sources').addColumn('model', 'varchar(100)').execute();
  await db.schema.alterTable('hosts').addColumn('model', 'varchar(100)').execute();
  await db.schema
    .createTable('apple_models')
    .addColumn('product_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('model', 'varchar(100)', (c) => c.notNull())
    .addColumn('marketing_name', 'varchar(300)')
    // A JSON array of the OS majors the model runs, newest first.
    .addColumn('majors', 'text', (c) => c.notNull())
    .addColumn('feed', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('apple_models_pk', ['product_id', 'model'])
    .execute();
}
