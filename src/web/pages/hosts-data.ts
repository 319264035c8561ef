import type { FindingStatus } from '../../compliance/model.js';
import { computeFindings } from '../../compliance/service.js';
import { complianceDeps, type AppContext } from '../../context.js';
import { listHosts, type HostView } from '../../inventory/host-query.js';
import { STATUS_ORDER } from '../format.js';
import { worstStatus } from './summary.js';
import { groupBy } from '../../platform/collections/group-by.js';

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

/** Pure: does the host match the free-text search (name, serial, owner, OS)? */
export function matchesSearch(host: HostView, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [
    host.name,
    host.serial,
    host.owner?.email,
    host.owner?.name,
    host.osVersion,
    host.platform,
  ].some((v) => v?.toLowerCase().includes(needle) ?? false);
}

export async function loadHosts(ctx: AppContext, query: HostsQuery, now: Date): Promise<HostsData> {
  const [hosts, { findings }, input] = await Promise.all([
    listHosts(ctx.db, { product: query.product || undefined, owner: query.owner || undefined }),
    computeFindings(complianceDeps(ctx), now),
    ctx.catalog.loadCatalogInput(),
  ]);
  const byHost = groupBy(
    findings.filter((f) => !query.product || f.product === query.product),
    (f) => f.hostId,
  );
  const rows = hosts
    .filter((h) => matchesSearch(h, query.q))
    .filter((h) => !query.status || (byHost.get(h.id) ?? []).some((f) => f.status === query.status))
    .map((host) => ({ host, status: worstStatus(byHost.get(host.id) ?? []) }));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    query: { ...query, page },
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: rows.length,
    pages,
    products: [...input.products]
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
