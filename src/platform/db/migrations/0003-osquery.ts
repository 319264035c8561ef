import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** osquery's TLS remote API: enrolled nodes (hashed node keys) and each query's latest rows. */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('osquery_nodes')
    .addColumn('host_identifier', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('node_key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('platform_type', 'varchar(20)')
    .addColumn('host_details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('enrolled_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_issues', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('osquery_results')
    .addColumn('host_identifier', 'varchar(255)', (c) => c.notNull())
    .addColumn('query_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('rows_json', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('osquery_results_pk', ['host_identifier', 'query_name'])
    .execute();
}
