import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * The login throttle counts attempts per key (a client address, an address and username pair, a
 * username, a known browser) instead of per username alone, so a stranger's wrong guesses no
 * longer lock the admin out (issue 9, item 4). Known browsers are the ones an admin has signed in
 * from; only the SHA-256 of their cookie is stored. The old per-username counters are dropped:
 * they only ever held short-lived lock state.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('web_login_attempts')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(40)')
    .addColumn('last_attempt_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('web_login_attempts_last')
    .on('web_login_attempts')
    .column('last_attempt_at')
    .execute();
  await db.schema
    .createTable('web_known_devices')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('web_login_failures').execute();
}
