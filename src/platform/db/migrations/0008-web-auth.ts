import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** The dashboard's local admin accounts, sessions, one-time setup code and login throttle. */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('web_admins')
    .addColumn('username', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('web_sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('web_sessions_expires')
    .on('web_sessions')
    .column('expires_at')
    .execute();
  await db.schema
    .createTable('web_setup_codes')
    .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('web_login_failures')
    .addColumn('username', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(40)')
    .addColumn('last_failure_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}
