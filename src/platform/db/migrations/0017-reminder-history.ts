import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The person page's reminder history. A digest row keeps only its last error, and a retry that
 * later succeeds clears it: every failed attempt (rate limit, channel_not_found, ...) is kept in
 * `digest_failures` with its time and Slack error code. A closed "I updated" claim says whether
 * inventory confirmed it or it expired unconfirmed (`outcome`; null on claims closed before).
 * Indexes by email: the page reads one person's rows.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('digest_failures')
    .addColumn('id', 'integer', (c) => adapter.autoId(c))
    .addColumn('idempotency_key', 'varchar(400)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('cycle', 'varchar(40)', (c) => c.notNull())
    .addColumn('error', 'varchar(200)', (c) => c.notNull())
    // 1 when the digest went back to pending for the next run (rate limit, 5xx), else 0.
    .addColumn('retryable', 'integer', (c) => c.notNull())
    .addColumn('failed_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('digest_failures_email')
    .on('digest_failures')
    .columns(['email', 'failed_at'])
    .execute();
  await db.schema.alterTable('update_claims').addColumn('outcome', 'varchar(20)').execute();
  await db.schema
    .createIndex('update_claims_email')
    .on('update_claims')
    .columns(['email', 'claimed_at'])
    .execute();
  await db.schema.createIndex('snoozes_email').on('snoozes').columns(['email']).execute();
}
