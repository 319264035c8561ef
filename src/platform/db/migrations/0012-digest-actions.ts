import type { Kysely } from 'kysely';

/**
 * What each digest button asks for, stored under the short reference its `value` carries: a
 * value is limited to 2,000 characters by Slack, and a snooze of many products did not fit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digest_actions')
    .addColumn('ref', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('digest_actions_expires')
    .on('digest_actions')
    .column('expires_at')
    .execute();
}
