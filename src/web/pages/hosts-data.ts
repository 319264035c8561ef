import {
  countHostsByFinding,
  listHostsByFinding,
  worstStatusOf,
  type HostFindingFilter,
} from '../../compliance/findings-pages.js';
import type { FindingStatus } from '../../compliance/model.js';
import type { AppContext } from '../../context.js';
import type { HostView } from '../../inventory/host-query.js';
import { STATUS_ORDER } from '../format.js';

export const PAGE_SIZE = 50;

/** The hosts table's filters, from the query string (unknown values are dropped, not errors). */
export interface HostsQuery {
  readonly product: string;
  readonly status: FindingStatus | '';
  readonly owner: string;
  readonly q: string;
  readonly page: number;
}

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
  };
}

export interface HostRow {
  readonly host: HostView;
  /** Worst status over the host's findings (for the filtered product when one is chosen). */
  readonly status: FindingStatus | null;
}

export interface HostsData {
  readonly query: HostsQuery;
  readonly rows: readonly HostRow[];
  readonly total: number;
  readonly pages: number;
  readonly products: readonly { id: string; name: string }[];
}

/**
 * One page of the hosts table: the filters (product, status, owner, free text) are WHEREs, the
 * total is a COUNT, the page a LIMIT/OFFSET, and the worst status is read for the page's hosts.
 */
export async function loadHosts(ctx: AppContext, query: HostsQuery, now: Date): Promise<HostsData> {
  const filter: HostFindingFilter = {
    ...(query.product ? { product: query.product } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [total, input] = await Promise.all([
    countHostsByFinding(ctx.db, now, filter),
    ctx.catalog.loadCatalogInput(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const hosts = await listHostsByFinding(ctx.db, now, {
    ...filter,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const worst = await worstStatusOf(
    ctx.db,
    now,
    hosts.map((h) => h.id),
    query.product || undefined,
  );
  return {
    query: { ...query, page },
    rows: hosts.map((host) => ({ host, status: worst.get(host.id) ?? null })),
    total,
    pages,
    products: [...input.products]
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
