import type { Db } from '../platform/db/db.js';

/** Host ids per read: far below SQLite's and PostgreSQL's parameter limits. */
const OWNER_CHUNK = 1_000;

/**
 * The owner email of each of these hosts that has one, read a page of hosts at a time beside
 * their history (tti-history.ts), so the control-group comparison never loads the fleet.
 */
export async function loadOwnerEmails(
  db: Db,
  hostIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < hostIds.length; i += OWNER_CHUNK) {
    const rows = await db.kysely
      .selectFrom('hosts')
      .select(['id', 'owner_email'])
      .where('id', 'in', hostIds.slice(i, i + OWNER_CHUNK))
      .where('owner_email', 'is not', null)
      .execute();
    for (const r of rows) if (r.owner_email) out.set(r.id, r.owner_email);
  }
  return out;
}
