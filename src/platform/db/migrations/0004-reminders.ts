import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** Reminders: people (Slack cache), the digest outbox, snoozes, "I updated" claims, replay guard. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('email', 'varchar(320)', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('slack_user_id', 'varchar(40)')
    .addColumn('dm_channel_id', 'varchar(40)')
    .addColumn('tz', 'varchar(80)')
    .addColumn('slack_error', 'varchar(100)')
    .addColumn('looked_up_at', 'varchar(40)')
    .execute();
  await db.schema
    .createTable('digests')
    .addColumn('idempotency_key', 'varchar(400)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('cycle', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('channel_id', 'varchar(40)')
    .addColumn('ts', 'varchar(40)')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('blocks', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('max_days_overdue', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('digests_cycle').on('digests').columns(['cycle', 'status']).execute();
  await db.schema
    .createIndex('digests_email')
    .on('digests')
    .columns(['email', 'sent_at'])
    .execute();
  await db.schema
    .createTable('snoozes')
    .addColumn('host_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('product', 'varchar(200)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('until', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('snoozes_pk', ['host_id', 'product'])
    .execute();
  await db.schema
    .createTable('update_claims')
    .addColumn('id', 'integer', (c) => adapter.autoId(c))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('host_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('cycle', 'varchar(40)', (c) => c.notNull())
    .addColumn('claimed_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(40)')
    .execute();
  await db.schema
    .createTable('slack_requests')
    .addColumn('signature', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}
