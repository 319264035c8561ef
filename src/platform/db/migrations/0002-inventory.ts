import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** Inventory: hosts merged by serial, each source's view, current versions and their history. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('hosts')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('serial', 'varchar(200)', (c) => c.unique())
    .addColumn('name', 'text')
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('os_version', 'varchar(100)')
    .addColumn('os_build', 'varchar(100)')
    .addColumn('last_seen_at', 'varchar(40)')
    .addColumn('owner_email', 'varchar(320)')
    .addColumn('owner_name', 'text')
    .addColumn('owner_source', 'varchar(60)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hosts_owner').on('hosts').column('owner_email').execute();
  await db.schema
    .createTable('host_sources')
    .addColumn('source', 'varchar(60)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('host_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('serial', 'varchar(200)')
    .addColumn('name', 'text')
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('os_version', 'varchar(100)')
    .addColumn('os_build', 'varchar(100)')
    .addColumn('last_seen_at', 'varchar(40)')
    .addColumn('owner_email', 'varchar(320)')
    .addColumn('owner_name', 'text')
    .addColumn('synced_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_sources_pk', ['source', 'source_id'])
    .execute();
  await db.schema.createIndex('host_sources_host').on('host_sources').column('host_id').execute();
  await db.schema
    .createTable('host_versions')
    .addColumn('host_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('product_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('version', 'varchar(200)', (c) => c.notNull())
    .addColumn('source', 'varchar(60)', (c) => c.notNull())
    .addColumn('source_seen_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('first_observed_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_versions_pk', ['host_id', 'product_id'])
    .execute();
  await db.schema
    .createIndex('host_versions_product')
    .on('host_versions')
    .columns(['product_id', 'version'])
    .execute();
  await db.schema
    .createTable('version_history')
    .addColumn('id', 'integer', (c) => adapter.autoId(c))
    .addColumn('host_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('product_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('version', 'varchar(200)', (c) => c.notNull())
    .addColumn('previous_version', 'varchar(200)')
    .addColumn('source', 'varchar(60)', (c) => c.notNull())
    .addColumn('first_observed_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('version_history_product')
    .on('version_history')
    .columns(['product_id', 'host_id'])
    .execute();
  await db.schema
    .createTable('inventory_sources')
    .addColumn('source', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('last_attempt_at', 'varchar(40)')
    .addColumn('last_success_at', 'varchar(40)')
    .addColumn('last_error', 'text')
    .addColumn('last_error_code', 'varchar(60)')
    .addColumn('last_issues', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
