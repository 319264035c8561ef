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
import { NEVER, oldestMissedOfSummary, summaryHas, worstOfSummary } from './host-status-query.js';

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
  // One status rule (statusAt) for the counts as for the filters and the stored counts.
  const status = statusAt(now);
  const sum = (s: FindingStatus) =>
    sql<string | number>`sum(case when ${status} = ${sql.lit(s)} then 1 else 0 end)`.as(s);
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
      // No hosts join inside: the outer query is the hosts table already. Over all products
      // the per-host summaries answer (one row per host); one product's rows are few enough.
      product
        ? findingsOnly(db, { statuses: [status as FindingStatus], product }, now).select(
            'f.host_id',
          )
        : db.kysely
            .selectFrom('host_status as s')
            .where(summaryHas(status as FindingStatus, now))
            .select('s.host_id'),
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

/** Columns the hosts table sorts by. */
export const HOST_SORTS = [
  'name',
  'serial',
  'os',
  'owner',
  'status',
  'overdue',
  'seen',
  'products',
] as const;
export type HostSort = (typeof HOST_SORTS)[number];
export type SortDir = 'asc' | 'desc';

/**
 * The oldest deadline a host has missed, read from its summary row (null when nothing is
 * overdue): days overdue is now minus this, so "most days overdue" is this ascending.
 */
function oldestMissedDeadline(now: Date): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select ${oldestMissedOfSummary(now)} from host_status s where s.host_id = hosts.id)`;
}

/**
 * A host's worst SEVERITY as of `now` (-1 without findings): over all products from its summary
 * row (one key look-up per host instead of a GROUP BY of its ~30 findings), over one product
 * from that product's findings.
 */
function worstSeverity(now: Date, product: string | undefined): RawBuilder<number> {
  if (product) {
    return sql<number>`coalesce((select max(${severityAt(now)}) from findings f where f.host_id = hosts.id and f.product_id = ${product}), -1)`;
  }
  const arms = BY_SEVERITY.map((st) => sql`when ${sql.lit(st)} then ${sql.lit(SEVERITY[st])}`);
  return sql<number>`coalesce((select case ${worstOfSummary(now)} ${sql.join(arms, sql` `)} end from host_status s where s.host_id = hosts.id), -1)`;
}

/**
 * The ORDER BY of one sort: every key is made non-null (nulls sort first on SQLite and last on
 * PostgreSQL, so both dialects must see no null), then name and id break ties so pages are stable.
 */
function sortKeys(
  now: Date,
  sort: HostSort,
  dir: SortDir,
  /** The table's product filter: the status column then shows (and sorts by) that product's. */
  product: string | undefined,
): { expr: RawBuilder<unknown>; dir: SortDir }[] {
  const name = sql`lower(coalesce(hosts.name, ''))`;
  const flip: SortDir = dir === 'asc' ? 'desc' : 'asc';
  const main: Record<HostSort, { expr: RawBuilder<unknown>; dir: SortDir }> = {
    name: { expr: name, dir },
    serial: { expr: sql`coalesce(hosts.serial, '')`, dir },
    os: { expr: sql`lower(hosts.platform || ' ' || coalesce(hosts.os_version, ''))`, dir },
    owner: { expr: sql`lower(coalesce(hosts.owner_name, hosts.owner_email, ''))`, dir },
    status: { expr: worstSeverity(now, product), dir },
    // More days overdue is an earlier missed deadline: the order of the deadline is reversed.
    overdue: { expr: sql`coalesce(${oldestMissedDeadline(now)}, ${NEVER})`, dir: flip },
    seen: { expr: sql`coalesce(hosts.last_seen_at, '')`, dir },
    products: {
      expr: sql`(select count(*) from host_versions v where v.host_id = hosts.id)`,
      dir,
    },
  };
  return [main[sort], { expr: name, dir: 'asc' }, { expr: sql`hosts.id`, dir: 'asc' }];
}

/**
 * One page of hosts sorted by a column, filtered in SQL: the database orders and limits the ids
 * (sorting keys are per-host subqueries on indexed columns), then the page's hosts are read.
 */
export async function listHostsSorted(
  db: Db,
  now: Date,
  filter: HostFindingFilter,
  sort: HostSort,
  dir: SortDir,
): Promise<HostView[]> {
  return hostsInOrder(db, await sortedHostIds(db, now, filter, sort, dir));
}

/**
 * The ids of the hosts the filter matches, in the table's order (its limit and offset applied).
 * A whole-table export sorts once with no limit and reads the hosts in chunks of these ids,
 * instead of re-sorting every matching host for each OFFSET page.
 */
export async function sortedHostIds(
  db: Db,
  now: Date,
  filter: HostFindingFilter,
  sort: HostSort,
  dir: SortDir,
): Promise<string[]> {
  const { limit, offset = 0 } = filter;
  let q = hostsWithStatus(db, now, filter).select('hosts.id');
  for (const k of sortKeys(now, sort, dir, filter.product || undefined))
    q = q.orderBy(k.expr, k.dir);
  return (
    await q
      .$if(limit !== undefined, (qb) => qb.limit(limit as number))
      .$if(offset > 0, (qb) =>
        (limit === undefined ? qb.limit(Number.MAX_SAFE_INTEGER) : qb).offset(offset),
      )
      .execute()
  ).map((r) => r.id);
}

/** The hosts of `ids`, in that order (ids no longer present are left out). */
export async function hostsInOrder(db: Db, ids: readonly string[]): Promise<HostView[]> {
  if (ids.length === 0) return [];
  const views = await pageOfHosts(
    db,
    hostsWhere(db, { all: true }).where('hosts.id', 'in', [...ids]),
    {},
  );
  const byId = new Map(views.map((v) => [v.id, v]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** When each listed host's oldest missed deadline was (hosts with nothing overdue are absent). */
export async function oldestOverdueOf(
  db: Db,
  now: Date,
  hostIds: readonly string[],
): Promise<Map<string, string>> {
  if (hostIds.length === 0) return new Map();
  const rows = await findingsOnly(db, { hostIds, statuses: ['overdue'] }, now)
    .select(['f.host_id as hostId', (eb) => eb.fn.min('f.due_at').as('due')])
    .groupBy('f.host_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.due ? [[r.hostId, r.due] as const] : [])));
}
