import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../adapter.js';

/**
 * osquery enrollment that cannot take over a live node (issue 9, item 1).
 *
 * - `key_used_at`: when the node's key was last used (config or log), null until first use. An
 *   enrollment for a host identifier whose key was used within `inventory.osquery.liveFor` is
 *   refused. `last_seen_at` cannot say this: an enrollment sets it too.
 * - `refused_enrolls`, `last_refused_at`, `last_refused_from`: enrollments refused for that
 *   reason, so the conflict stays visible on the node after the log line has scrolled away.
 *
 * Existing nodes count as used when last seen: treating them as live is the safe side.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  const columns: [string, 'varchar(40)' | 'varchar(100)' | 'integer'][] = [
    ['key_used_at', 'varchar(40)'],
    ['last_refused_at', 'varchar(40)'],
    ['last_refused_from', 'varchar(100)'],
  ];
  // SQLite adds one column per ALTER TABLE.
  for (const [name, type] of columns)
    await db.schema.alterTable('osquery_nodes').addColumn(name, type).execute();
  await db.schema
    .alterTable('osquery_nodes')
    .addColumn('refused_enrolls', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE osquery_nodes SET key_used_at = last_seen_at`.execute(db);
}
