import {
  countHostsByFinding,
  HOST_SORTS,
  listHostsSorted,
  oldestOverdueOf,
  worstStatusOf,
  type HostFindingFilter,
  type HostSort,
  type SortDir,
} from '../../compliance/findings-pages.js';
import type { FindingStatus } from '../../compliance/model.js';
import type { AppContext } from '../../context.js';
import type { HostView } from '../../inventory/host-query.js';
import { daysSince, STATUS_ORDER } from '../format.js';

export const PAGE_SIZE = 50;

/** The hosts table's filters, from the query string (unknown values are dropped, not errors). */
export interface HostsQuery {
  readonly product: string;
  readonly status: FindingStatus | '';
  readonly owner: string;
  readonly q: string;
  readonly page: number;
  /** Column the table is sorted by; "most days overdue first" unless the admin chose. */
  readonly sort: HostSort;
  readonly dir: SortDir;
}

/** The table's order when the URL names none: whoever is most days overdue first. */
export const DEFAULT_HOST_SORT: { sort: HostSort; dir: SortDir } = { sort: 'overdue', dir: 'desc' };

/** Pure: parse the query string leniently: a bad filter shows everything rather than an error page. */
export function parseHostsQuery(raw: Readonly<Record<string, unknown>>): HostsQuery {
  const str = (k: string): string => {
    const v = raw[k];
    return typeof v === 'string' ? v.trim().slice(0, 200) : '';
  };
  const status = str('status');
  const page = Number.parseInt(str('page'), 10);
  return {
    product: str('product'),
    status: (STATUS_ORDER as readonly string[]).includes(status) ? (status as FindingStatus) : '',
    owner: str('owner').toLowerCase(),
    q: str('q'),
    page: Number.isFinite(page) && page > 0 ? page : 1,
    ...parseSort(str('sort'), str('dir')),
  };
}

/** Pure: a known column and direction, or the default order (an unknown column is not an error). */
export function parseSort(sort: string, dir: string): { sort: HostSort; dir: SortDir } {
  if (!(HOST_SORTS as readonly string[]).includes(sort)) return DEFAULT_HOST_SORT;
  return { sort: sort as HostSort, dir: dir === 'asc' || dir === 'desc' ? dir : 'asc' };
}

export interface HostRow {
  readonly host: HostView;
  /** Worst status over the host's findings (for the filtered product when one is chosen). */
  readonly status: FindingStatus | null;
  /** Whole days since the oldest deadline the host missed, or null when nothing is overdue. */
  readonly daysOverdue: number | null;
}

export interface HostsData {
  readonly query: HostsQuery;
  readonly rows: readonly HostRow[];
  readonly total: number;
  readonly pages: number;
  readonly products: readonly { id: string; name: string }[];
}

/** The table's filters as the findings queries take them (empty ones left out). */
export function hostFilterOf(query: HostsQuery): HostFindingFilter {
  return {
    ...(query.product ? { product: query.product } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
}

/** Hosts as table rows: worst status (of `product`, when filtered on) and days overdue. */
export async function hostRowsOf(
  ctx: AppContext,
  hosts: readonly HostView[],
  now: Date,
  product: string,
): Promise<HostRow[]> {
  const ids = hosts.map((h) => h.id);
  const [worst, missed] = await Promise.all([
    worstStatusOf(ctx.db, now, ids, product || undefined),
    oldestOverdueOf(ctx.db, now, ids),
  ]);
  return hosts.map((host) => ({
    host,
    status: worst.get(host.id) ?? null,
    daysOverdue: daysSince(missed.get(host.id), now),
  }));
}

/**
 * One page of the hosts table: the filters (product, status, owner, free text) are WHEREs, the
 * total is a COUNT, the page a LIMIT/OFFSET, and the worst status is read for the page's hosts.
 */
export async function loadHosts(ctx: AppContext, query: HostsQuery, now: Date): Promise<HostsData> {
  const filter = hostFilterOf(query);
  const [total, input] = await Promise.all([
    countHostsByFinding(ctx.db, now, filter),
    ctx.catalog.loadCatalogInput(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const hosts = await listHostsSorted(
    ctx.db,
    now,
    { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    query.sort,
    query.dir,
  );
  return {
    query: { ...query, page },
    rows: await hostRowsOf(ctx, hosts, now, query.product),
    total,
    pages,
    products: [...input.products]
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
