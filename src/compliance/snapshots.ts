import type { Db } from '../platform/db/db.js';
import type { Finding, FindingStatus } from './model.js';

export interface SnapshotRow {
  readonly day: string;
  readonly product: string;
  readonly status: FindingStatus;
  readonly hosts: number;
}

/** Pure: counts of findings by product and status. */
export function countFindings(
  findings: readonly Finding[],
): Map<string, Map<FindingStatus, number>> {
  const out = new Map<string, Map<FindingStatus, number>>();
  for (const f of findings) {
    const m = out.get(f.product) ?? new Map<FindingStatus, number>();
    m.set(f.status, (m.get(f.status) ?? 0) + 1);
    out.set(f.product, m);
  }
  return out;
}

/**
 * Record today's counts (UTC day). A later snapshot the same day replaces the earlier one, so the
 * trend has one point per day whatever the number of syncs.
 */
export async function recordSnapshot(
  db: Db,
  findings: readonly Finding[],
  now: Date,
): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const rows = [...countFindings(findings)].flatMap(([product, m]) =>
    [...m].map(([status, hosts]) => ({ day, product, status, hosts, taken_at: now.toISOString() })),
  );
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('compliance_snapshots').where('day', '=', day).execute();
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('compliance_snapshots')
        .values(rows.slice(i, i + 200))
        .execute();
  });
  return rows.length;
}

/** The trend: one row per day, product and status since `sinceDay` (YYYY-MM-DD), oldest first. */
export async function loadSnapshots(db: Db, sinceDay: string): Promise<SnapshotRow[]> {
  const rows = await db.kysely
    .selectFrom('compliance_snapshots')
    .select(['day', 'product', 'status', 'hosts'])
    .where('day', '>=', sinceDay)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    product: r.product,
    status: r.status as FindingStatus,
    hosts: Number(r.hosts),
  }));
}
