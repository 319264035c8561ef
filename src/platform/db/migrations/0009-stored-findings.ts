import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * Stored findings: one row per active host x watched product, updated incrementally.
 *
 * - `hosts.rev` counts changes to what evaluation reads about a host (versions, owner, serial,
 *   platform, activity); `hosts.eval_rev` is the revision its findings were computed from. A
 *   host whose two differ is re-evaluated on the next refresh. Counters rather than a dirty
 *   flag, so a change that lands while a refresh runs is never cleared by it.
 * - `finding_products` keeps a fingerprint of each product's evaluation inputs (releases,
 *   tracks, staleness, policy): a product whose fingerprint changed is re-evaluated for every
 *   host, whatever caused it (a sync, a feed going stale, a policy edit).
 * - A finding stores its deadline (`due_at`), never "pending" or "overdue": time passing needs
 *   no rewrite. `status` is current, behind, unsupported or unknown.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .alterTable('hosts')
    .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('hosts')
    .addColumn('eval_rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The hosts a refresh must re-evaluate, found without scanning the fleet: a partial index
  // holds only the few rows whose revision moved.
  await db.schema
    .createIndex('hosts_to_evaluate')
    .on('hosts')
    .column('id')
    .where(sql.ref('rev'), '<>', sql.ref('eval_rev'))
    .execute();
  // A refresh reads findings by ranges of host ids: stored in that order, a range is one read.
  const findings = db.schema
    .createTable('findings')
    .addColumn('host_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('product_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('track', 'varchar(100)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('installed', 'varchar(200)', (c) => c.notNull())
    .addColumn('required', 'varchar(200)')
    .addColumn('required_released_at', 'varchar(40)')
    .addColumn('due_at', 'varchar(40)')
    .addColumn('exploited_cves', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cve_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    // A hash of the row's content: a refresh compares it instead of reading every column.
    .addColumn('sig', 'varchar(24)', (c) => c.notNull())
    .addPrimaryKeyConstraint('findings_pk', ['host_id', 'product_id']);
  await adapter.clustered(findings).execute();
  // Counts by product, track and status (the dashboard, snapshots, metrics) read this index only.
  await db.schema
    .createIndex('findings_product_status')
    .on('findings')
    .columns(['product_id', 'track', 'status', 'due_at'])
    .execute();
  // No index on status alone: a page of overdue findings in key order reads the clustered
  // rows until it has its page, where an index on status would sort every overdue row first.
  // A refresh reads installed versions by ranges of host ids: this index answers it alone.
  await db.schema
    .createIndex('host_versions_host_cover')
    .on('host_versions')
    .columns(['host_id', 'product_id', 'version'])
    .execute();
  await db.schema
    .createTable('finding_products')
    .addColumn('product_id', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('fingerprint', 'varchar(64)', (c) => c.notNull())
    .addColumn('evaluated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // Counts of findings by product, track, status and deadline, rebuilt per product by each
  // refresh that touched it: the overview, snapshots and metrics read a few hundred rows here
  // instead of grouping millions (the deadline decides pending or overdue at read time).
  await db.schema
    .createTable('finding_counts')
    .addColumn('product_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('track', 'varchar(100)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(40)')
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('finding_counts_product')
    .on('finding_counts')
    .column('product_id')
    .execute();
  // Existing hosts have never been evaluated into stored rows.
  await sql`update hosts set rev = 1, eval_rev = 0`.execute(db);
}
