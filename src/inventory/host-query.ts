import { sql, type Selectable } from 'kysely';
import type { Db } from '../platform/db/db.js';
import { groupBy } from '../platform/collections/group-by.js';
import type { HostsTable } from './tables.js';

export interface HostFilter {
  /** One host by id (inactive or not, when `all` is set). */
  readonly id?: string;
  readonly product?: string;
  readonly version?: string;
  readonly owner?: string;
  /** Include inactive hosts too. */
  readonly all?: boolean;
  /**
   * Free text, case-insensitive, matched as a literal substring of the name, serial (or the
   * serial a host in an identity conflict claims), owner email or name, OS version or platform.
   */
  readonly q?: string;
  /** Page size; without it every matching host is read. */
  readonly limit?: number;
  /** Hosts to skip (in name, id order) before the page. */
  readonly offset?: number;
}

/** A host as `patchbay hosts` and the API show it. */
export interface HostView {
  readonly id: string;
  readonly serial: string | null;
  readonly name: string | null;
  readonly platform: string;
  readonly osVersion: string | null;
  readonly osBuild: string | null;
  readonly lastSeenAt: string | null;
  readonly active: boolean;
  readonly owner: { email: string; name: string | null; source: string | null } | null;
  /** Product id -> installed version. */
  readonly products: Readonly<Record<string, string>>;
  readonly sources: readonly string[];
  /**
   * Set when the host was kept apart because a source reported a serial that another host holds
   * and nothing confirms they are one machine (an osquery node whose hardware UUID does not
   * match, say): `serial` is the one it claimed, `hostId` the host holding it. Null otherwise.
   */
  readonly identityConflict: { readonly serial: string; readonly hostId: string } | null;
}

/** Columns the free-text search looks in. */
const SEARCHED = [
  'hosts.name',
  'hosts.serial',
  // A host kept apart is found by the serial it claims, next to the host that holds it.
  'hosts.conflict_serial',
  'hosts.owner_email',
  'hosts.owner_name',
  'hosts.os_version',
  'hosts.platform',
] as const;

/** `%needle%` with LIKE's wildcards taken literally (escaped with `!`), lower-cased. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * The hosts matching the filter, before columns, order and paging: every filter is a WHERE, so
 * counts and pages are one statement each. Exported so other capabilities can narrow it further
 * (the dashboard adds "has a finding of this status") and still page in SQL.
 */
export function hostsWhere(db: Db, filter: HostFilter) {
  const q = filter.q?.trim() ?? '';
  const pattern = likePattern(q);
  const product = filter.product;
  const version = filter.version;
  return (
    db.kysely
      .selectFrom('hosts')
      .$if(!filter.all, (qb) => qb.where('hosts.active', '=', 1))
      // Empty strings are "no filter", as a blank form field or query parameter means.
      .$if(Boolean(filter.id), (qb) => qb.where('hosts.id', '=', filter.id as string))
      .$if(Boolean(filter.owner), (qb) =>
        qb.where('hosts.owner_email', '=', (filter.owner as string).trim().toLowerCase()),
      )
      .$if(Boolean(product), (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('host_versions')
              .select('host_versions.host_id')
              .whereRef('host_versions.host_id', '=', 'hosts.id')
              .where('host_versions.product_id', '=', product as string)
              .$if(version !== undefined, (sq) =>
                sq.where('host_versions.version', '=', version as string),
              ),
          ),
        ),
      )
      // lower() on both sides: SQLite's LIKE folds ASCII case, PostgreSQL's does not fold at all.
      .$if(q !== '', (qb) =>
        qb.where((eb) =>
          eb.or(
            SEARCHED.map((col) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '!'`),
          ),
        ),
      )
  );
}

/** A filtered hosts query (hostsWhere), possibly narrowed further with more WHEREs. */
export type HostsQuery = ReturnType<typeof hostsWhere>;

/** Read hosts with their products and sources, filtered and paged in SQL. */
export async function listHosts(db: Db, filter: HostFilter): Promise<HostView[]> {
  return pageOfHosts(db, hostsWhere(db, filter), filter);
}

/** How many hosts match the filter (paging ignored): one COUNT. */
export async function countHosts(db: Db, filter: HostFilter): Promise<number> {
  return countOfHosts(hostsWhere(db, filter));
}

/**
 * One page of a hosts query in (name, id) order, with products and sources read for the page's
 * hosts only.
 */
export async function pageOfHosts(
  db: Db,
  query: HostsQuery,
  page: { readonly limit?: number; readonly offset?: number },
): Promise<HostView[]> {
  const { limit, offset = 0 } = page;
  const hosts = await query
    .selectAll('hosts')
    // Unnamed hosts last on both dialects (SQLite sorts nulls first, PostgreSQL last), so the
    // API pages, and the CSV that streams the same listing, come in one order everywhere.
    .orderBy(sql`hosts.name is null`)
    .orderBy('hosts.name')
    .orderBy('hosts.id')
    .$if(limit !== undefined, (qb) => qb.limit(limit as number))
    .$if(offset > 0, (qb) =>
      // SQLite takes OFFSET only after a LIMIT (PostgreSQL rejects SQLite's -1 for "none"),
      // so an offset alone gets the largest limit both accept.
      (limit === undefined ? qb.limit(Number.MAX_SAFE_INTEGER) : qb).offset(offset),
    )
    .execute();
  return hostViews(db, hosts);
}

/** How many hosts a hosts query matches. */
export async function countOfHosts(query: HostsQuery): Promise<number> {
  const row = await query
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Ids per IN-list: far below both dialects' bound-parameter limits. */
const IDS_PER_READ = 1000;

/** Host rows as views, with their products and sources read for these hosts only. */
async function hostViews(db: Db, hosts: readonly Selectable<HostsTable>[]): Promise<HostView[]> {
  if (hosts.length === 0) return [];
  const ids = hosts.map((h) => h.id);
  const versions: { host_id: string; product_id: string; version: string }[] = [];
  const sources: { host_id: string; source: string }[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const chunk = ids.slice(i, i + IDS_PER_READ);
    const [v, s] = await Promise.all([
      db.kysely
        .selectFrom('host_versions')
        .select(['host_id', 'product_id', 'version'])
        .where('host_id', 'in', chunk)
        .execute(),
      db.kysely
        .selectFrom('host_sources')
        .select(['host_id', 'source'])
        .where('host_id', 'in', chunk)
        .execute(),
    ]);
    versions.push(...v);
    sources.push(...s);
  }
  const productsOf = new Map<string, Record<string, string>>();
  for (const v of versions) {
    const m = productsOf.get(v.host_id) ?? {};
    m[v.product_id] = v.version;
    productsOf.set(v.host_id, m);
  }
  const sourcesOf = groupBy(sources, (s) => s.host_id);
  return hosts.map((h) => ({
    id: h.id,
    serial: h.serial,
    name: h.name,
    platform: h.platform,
    osVersion: h.os_version,
    osBuild: h.os_build,
    lastSeenAt: h.last_seen_at,
    active: Number(h.active) === 1,
    owner: h.owner_email
      ? { email: h.owner_email, name: h.owner_name, source: h.owner_source }
      : null,
    products: productsOf.get(h.id) ?? {},
    sources: (sourcesOf.get(h.id) ?? []).map((s) => s.source).sort(),
    identityConflict:
      h.conflict_serial && h.conflict_with
        ? { serial: h.conflict_serial, hostId: h.conflict_with }
        : null,
  }));
}
