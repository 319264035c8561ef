import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** The catalog: feeds and their health, products, tracks, releases with history, HTTP cache. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('feeds')
    .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(100)', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('max_age_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_attempt_at', 'varchar(40)')
    .addColumn('last_success_at', 'varchar(40)')
    .addColumn('last_error', 'text')
    .addColumn('last_error_code', 'varchar(60)')
    .addColumn('last_issues', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createTable('products')
    .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('platform', 'varchar(40)', (c) => c.notNull())
    .addColumn('scheme', 'varchar(40)', (c) => c.notNull())
    .addColumn('feed', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tracks')
    .addColumn('product_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('id', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('supported', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('feed', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tracks_pk', ['product_id', 'id'])
    .execute();
  await db.schema
    .createTable('releases')
    .addColumn('product_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('track_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('version', 'varchar(200)', (c) => c.notNull())
    .addColumn('build', 'varchar(200)')
    .addColumn('released_at', 'varchar(40)')
    .addColumn('cves', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('exploited_cves', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('url', 'text')
    .addColumn('feed', 'varchar(200)', (c) => c.notNull())
    .addColumn('first_seen_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('releases_pk', ['product_id', 'track_id', 'version'])
    .execute();
  await db.schema
    .createTable('feed_runs')
    .addColumn('id', 'integer', (c) => adapter.autoId(c))
    .addColumn('feed', 'varchar(200)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('releases_seen', 'integer', (c) => c.notNull())
    .addColumn('releases_new', 'integer', (c) => c.notNull())
    .addColumn('issues', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('feed_runs_feed').on('feed_runs').columns(['feed', 'id']).execute();
  await db.schema
    .createTable('http_cache')
    .addColumn('url', 'varchar(2000)', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}
