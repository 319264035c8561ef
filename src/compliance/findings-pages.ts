import { sql, type RawBuilder } from 'kysely';
import {
  countOfHosts,
  hostsWhere,
  pageOfHosts,
  type HostFilter,
  type HostView,
} from '../inventory/host-query.js';
import type { Db } from '../platform/db/db.js';
import {
  findingWithHost,
  findingsFrom,
  findingsOnly,
  statusAt,
  withHostColumns,
  type FindingFilter,
  type FindingWithHost,
} from './findings-query.js';
import type { FindingStatus } from './model.js';

/**
 * Queries the dashboard pages run over stored findings: each reads what one page shows (a top
 * ten, fifty rows, one page of hosts) and lets the database count, group, sort and limit.
 */

/** How bad a status is, for "worst finding of a host" and "most urgent first". */
export const SEVERITY: Readonly<Record<FindingStatus, number>> = {
  overdue: 4,
  pending: 3,
  unsupported: 2,
  unknown: 1,
  current: 0,
};

const BY_SEVERITY = (Object.keys(SEVERITY) as FindingStatus[]).sort(
  (a, b) => SEVERITY[a] - SEVERITY[b],
);

/** SEVERITY of the status as of `now`, in SQL. */
function severityAt(now: Date): RawBuilder<number> {
  const arms = BY_SEVERITY.map((s) => sql`when ${sql.lit(s)} then ${sql.lit(SEVERITY[s])}`);
  return sql<number>`case ${statusAt(now)} ${sql.join(arms, sql` `)} else 0 end`;
}

/** Findings of one group by status. */
export type CountsByStatus = Record<FindingStatus, number>;

/**
 * Counts by status per product (and track), installed version, owner or host: one GROUP BY on
 * plain columns, each status a SUM. (Grouping by the status expression itself would put
 * the clock in GROUP BY as a second bound parameter, which PostgreSQL will not match to the
 * one in SELECT.)
 */
export async function statusCountsBy(
  db: Db,
  now: Date,
  filter: FindingFilter,
  by: 'product' | 'product-track' | 'installed' | 'owner' | 'host-name',
): Promise<{ key: string; track: string | null; counts: CountsByStatus }[]> {
  const at = now.toISOString();
  const when = {
    current: sql`f.status = 'current'`,
    pending: sql`f.status = 'behind' and f.due_at > ${at}`,
    overdue: sql`f.status = 'behind' and f.due_at <= ${at}`,
    unsupported: sql`f.status = 'unsupported'`,
    // A behind row without a deadline reads as unknown (findingAt).
    unknown: sql`f.status = 'unknown' or (f.status = 'behind' and f.due_at is null)`,
  } satisfies Record<FindingStatus, unknown>;
  const sum = (s: FindingStatus) =>
    sql<string | number>`sum(case when ${when[s]} then 1 else 0 end)`.as(s);
  const key = {
    product: sql.ref('f.product_id'),
    'product-track': sql.ref('f.product_id'),
    installed: sql.ref('f.installed'),
    // A person's hosts, or hosts by the name people know them by (id when unnamed).
    owner: sql.ref('h.owner_email'),
    'host-name': sql`coalesce(h.name, f.host_id)`,
  }[by];
  // Only the owner and host groupings read a host column; the others need the findings alone.
  const base =
    by === 'owner' || by === 'host-name'
      ? findingsFrom(db, filter, now)
      : (findingsOnly(db, filter, now) as unknown as ReturnType<typeof findingsFrom>);
  const rows = await base
    .select([
      sql<string>`${key}`.as('key'),
      sql<string | null>`${by === 'product-track' ? sql.ref('f.track') : sql.lit(null)}`.as(
        'track',
      ),
      ...BY_SEVERITY.map(sum),
    ])
    .groupBy([key, ...(by === 'product-track' ? [sql.ref('f.track')] : [])])
    .execute();
  return rows.map((r) => ({
    key: r.key,
    track: r.track,
    counts: Object.fromEntries(
      BY_SEVERITY.map((s) => [s, Number((r as Record<string, unknown>)[s])]),
    ) as CountsByStatus,
  }));
}

/** Someone whose hosts have overdue or pending findings. */
export interface PersonToChase {
  readonly email: string;
  readonly name: string | null;
  readonly overdue: number;
  readonly pending: number;
}

/**
 * The `limit` owners with the most overdue findings, then the most pending, then by email: one
 * GROUP BY over the pending and overdue rows only.
 */
export async function topPeople(db: Db, now: Date, limit: number): Promise<PersonToChase[]> {
  const at = now.toISOString();
  const rows = await findingsFrom(db, { statuses: ['overdue', 'pending'] }, now)
    .where('h.owner_email', 'is not', null)
    .select([
      'h.owner_email as email',
      (eb) => eb.fn.max('h.owner_name').as('name'),
      sql<string | number>`sum(case when f.due_at <= ${at} then 1 else 0 end)`.as('overdue'),
      (eb) => eb.fn.countAll<string | number>().as('n'),
    ])
    .groupBy('h.owner_email')
    .orderBy('overdue', 'desc')
    .orderBy(sql`count(*) - sum(case when f.due_at <= ${at} then 1 else 0 end)`, 'desc')
    .orderBy('h.owner_email')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    email: r.email as string,
    name: r.name,
    overdue: Number(r.overdue),
    pending: Number(r.n) - Number(r.overdue),
  }));
}

/** The worst status of each listed host (over one product's findings when given). */
export async function worstStatusOf(
  db: Db,
  now: Date,
  hostIds: readonly string[],
  product?: string,
): Promise<Map<string, FindingStatus>> {
  if (hostIds.length === 0) return new Map();
  const rows = await findingsFrom(db, { hostIds, ...(product ? { product } : {}) }, now)
    .select(['f.host_id as hostId', sql<string | number>`max(${severityAt(now)})`.as('worst')])
    .groupBy('f.host_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.hostId,
      BY_SEVERITY.find((s) => SEVERITY[s] === Number(r.worst)) ?? 'current',
    ]),
  );
}

/**
 * One product's `limit` most urgent findings: worst status first, then by host name (case
 * folded, the host id for a host without a name). The database keeps the top rows of one sort.
 */
export async function mostUrgent(
  db: Db,
  now: Date,
  product: string,
  limit: number,
): Promise<FindingWithHost[]> {
  const label = sql<string>`coalesce(h.name, f.host_id)`;
  const rows = await withHostColumns(findingsFrom(db, { product }, now))
    .orderBy(severityAt(now), 'desc')
    .orderBy(sql`lower(${label})`)
    .orderBy(label)
    .orderBy('f.host_id')
    .limit(limit)
    .execute();
  return rows.map((r) => findingWithHost(r, now));
}

/** The hosts table's filter: inventory filters, and "has a finding of this status". */
export interface HostFindingFilter extends HostFilter {
  /** Only hosts with a finding of this status (of `product` when given). */
  readonly status?: FindingStatus;
}

function hostsWithStatus(db: Db, now: Date, filter: HostFindingFilter) {
  const { status, product } = filter;
  return hostsWhere(db, filter).$if(status !== undefined, (qb) =>
    qb.where(
      'hosts.id',
      'in',
      // No hosts join inside: the outer query is the hosts table already.
      findingsOnly(
        db,
        { statuses: [status as FindingStatus], ...(product ? { product } : {}) },
        now,
      ).select('f.host_id'),
    ),
  );
}

/** One page of hosts in (name, id) order, filtered in SQL. */
export function listHostsByFinding(
  db: Db,
  now: Date,
  filter: HostFindingFilter,
): Promise<HostView[]> {
  return pageOfHosts(db, hostsWithStatus(db, now, filter), filter);
}

/** How many hosts the filter matches: one COUNT. */
export function countHostsByFinding(db: Db, now: Date, filter: HostFindingFilter): Promise<number> {
  return countOfHosts(hostsWithStatus(db, now, filter));
}
