import type { Db } from '../platform/db/db.js';
import { countsByTrack } from './finding-counts.js';
import type { Finding, FindingStatus } from './model.js';

export interface SnapshotRow {
  readonly day: string;
  readonly product: string;
  readonly status: FindingStatus;
  readonly hosts: number;
}

/** Counts of stored findings by product and status as of `now`, from the maintained counts. */
export async function countFindingsByProduct(
  db: Db,
  now: Date,
): Promise<Map<string, Map<FindingStatus, number>>> {
  const out = new Map<string, Map<FindingStatus, number>>();
  for (const t of await countsByTrack(db, now)) {
    const m = out.get(t.product) ?? new Map<FindingStatus, number>();
    for (const [status, n] of Object.entries(t.counts) as [FindingStatus, number][]) {
      if (n > 0) m.set(status, (m.get(status) ?? 0) + n);
    }
    out.set(t.product, m);
  }
  return out;
}

/**
 * Record the counts of stored findings as of `now` (UTC day). A later snapshot the same day
 * replaces the earlier one, so the trend has one point per day whatever the number of syncs.
 * Returns the counts, for the metrics.
 */
export async function recordSnapshot(
  db: Db,
  now: Date,
): Promise<Map<string, Map<FindingStatus, number>>> {
  const counts = await countFindingsByProduct(db, now);
  await writeSnapshot(db, counts, now);
  return counts;
}

/** Pure: counts of findings by product and status (a replay of past days has no stored rows). */
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

/** Replace the day's trend point with these counts. */
export async function writeSnapshot(
  db: Db,
  counts: ReadonlyMap<string, ReadonlyMap<FindingStatus, number>>,
  now: Date,
): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const rows = [...counts].flatMap(([product, m]) =>
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
