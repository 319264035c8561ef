import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/** API tokens: hashed, scoped, expiring, revocable (src/platform/auth). */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => adapter.autoId(c))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('scope', 'varchar(20)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(40)')
    .addColumn('expires_at', 'varchar(40)')
    .addColumn('revoked_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('api_tokens_name').on('api_tokens').column('name').execute();
}
