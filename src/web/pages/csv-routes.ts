import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { TTI_COLUMNS } from '../../api/csv-columns.js';
import { csvColumn as col, csvExport, sendCsv, type CsvColumn } from '../../api/csv-export.js';
import { ttiReport } from '../../api/tti-routes.js';
import {
  hostsInOrder,
  sortedHostIds,
  type HostFindingFilter,
} from '../../compliance/findings-pages.js';
import { listPeople } from '../../compliance/people-pages.js';
import type { AppContext } from '../../context.js';
import { daysSince } from '../format.js';
import {
  hostFilterOf,
  hostRowsOf,
  parseHostsQuery,
  type HostRow,
  type HostsQuery,
} from './hosts-data.js';
import { parsePeopleQuery, type PeopleData, type PeopleQuery } from './people-data.js';

/**
 * Rows per page of a dashboard export. The people table pages with OFFSET, each page sorting
 * every owner again, so the cost is the number of pages. The hosts table sorts its ids once and
 * reads them in chunks of this size (bench/csv-export.ts: with OFFSET pages of 5,000, 100,000
 * hosts took 10.8 s; pages of 1,000 took 66.8 s).
 */
export const EXPORT_PAGE = 5000;

type PersonRow = PeopleData['rows'][number];
type Page<T> = (limit: number, offset: number) => Promise<readonly T[]>;

/*
 * The dashboard's "Download CSV" links: the hosts and people tables as they are filtered and
 * sorted, every page of them. Cookie-authenticated like every dashboard page (the guard of the
 * scope they are registered on); the API's bearer-token exports stream through the same code.
 * Columns are the table's, snake_case with units; add at the end, never rename.
 */

export const HOST_TABLE_COLUMNS: readonly CsvColumn<HostRow>[] = [
  col('id', 'host id', (r) => r.host.id),
  col('name', 'computer name', (r) => r.host.name),
  col('serial', 'serial number', (r) => r.host.serial),
  col('platform', 'macos, windows, linux...', (r) => r.host.platform),
  col('os_version', 'OS version', (r) => r.host.osVersion),
  col('owner_email', 'owner email', (r) => r.host.owner?.email),
  col('owner_name', 'owner name', (r) => r.host.owner?.name),
  col('status', 'worst status of its findings (of the product filtered on)', (r) => r.status),
  col(
    'days_overdue',
    'whole days since its oldest missed deadline; empty: none',
    (r) => r.daysOverdue,
  ),
  col('last_seen_at', 'last check-in, ISO 8601', (r) => r.host.lastSeenAt),
  col('products', 'watched products installed', (r) => Object.keys(r.host.products).length),
  col(
    'conflict_serial',
    'serial it claims that another host holds',
    (r) => r.host.identityConflict?.serial,
  ),
];

export const PEOPLE_TABLE_COLUMNS: readonly CsvColumn<PersonRow>[] = [
  col('email', 'owner email', (p) => p.email),
  col('name', 'owner name', (p) => p.name),
  col('computers', 'active computers they own with watched products', (p) => p.computers),
  // Counted in computers since the people table is (they were updates, hence the new names).
  col('computers_overdue', 'computers with an update past its deadline', (p) => p.computersOverdue),
  col(
    'computers_pending',
    'computers with an update within its grace period',
    (p) => p.computersPending,
  ),
  col(
    'days_overdue',
    'whole days since their oldest missed deadline; empty: none',
    (p) => p.daysOverdue,
  ),
  col('oldest_missed_at', 'their oldest missed deadline, ISO 8601', (p) => p.oldestMissed),
];

/**
 * Every page of a sorted table, OFFSET by OFFSET. The tables sort on computed keys (worst status,
 * days overdue) that no keyset can follow cheaply; an export reads each page once, pulled as the
 * download proceeds (see bench/csv-export.ts for its cost at fleet size).
 */
async function* offsetPages<T>(read: Page<T>, size: number): AsyncGenerator<readonly T[]> {
  for (let offset = 0; ; offset += size) {
    const page = await read(size, offset);
    if (page.length > 0) yield page;
    if (page.length < size) return;
    await nextTurn();
  }
}

/** The hosts table's rows for a query, every page, in its order. */
export function hostTableRows(
  ctx: AppContext,
  q: HostsQuery,
  now: Date,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<readonly HostRow[]> {
  return hostRowsInOrder(ctx, q, now, hostFilterOf(q), pageSize);
}

/**
 * Sorts once (every matching id, in the table's order), then reads the rows a chunk of ids at a
 * time: one sort of the fleet instead of one per page, and a sync during the download cannot
 * shift a row from one page to the next.
 */
async function* hostRowsInOrder(
  ctx: AppContext,
  q: HostsQuery,
  now: Date,
  filter: HostFindingFilter,
  pageSize: number,
): AsyncGenerator<readonly HostRow[]> {
  const order = await sortedHostIds(ctx.db, now, filter, q.sort, q.dir);
  for (let at = 0; at < order.length; at += pageSize) {
    if (at > 0) await nextTurn();
    const hosts = await hostsInOrder(ctx.db, order.slice(at, at + pageSize));
    const rows = await hostRowsOf(ctx, hosts, now, q.product);
    if (rows.length > 0) yield rows;
  }
}

/** The people table's rows in its order, every page. */
export function peopleTableRows(
  ctx: AppContext,
  q: PeopleQuery,
  now: Date,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<readonly PersonRow[]> {
  return offsetPages(
    async (limit, offset) =>
      (await listPeople(ctx.db, now, q.sort, q.dir, { limit, offset })).map((r) => ({
        ...r,
        daysOverdue: daysSince(r.oldestMissed, now),
      })),
    pageSize,
  );
}

interface Input {
  readonly ctx: AppContext;
  readonly query: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

const hostsCsv = csvExport('hosts', HOST_TABLE_COLUMNS, ({ ctx, query, now }: Input) =>
  hostTableRows(ctx, parseHostsQuery(query), now),
);
const peopleCsv = csvExport('people', PEOPLE_TABLE_COLUMNS, ({ ctx, query, now }: Input) =>
  peopleTableRows(ctx, parsePeopleQuery(query), now),
);

/**
 * Time to install as GET /api/v1/tti?format=csv answers it, for the product page's link:
 * `?product=<id>` (an id that is not one is ignored, as the dashboard ignores bad filters) and
 * `all=true` for every release rather than the newest of each track.
 */
const ttiCsv = csvExport('tti', TTI_COLUMNS, async function* ({ ctx, query }: Input) {
  const product = typeof query.product === 'string' ? query.product.trim() : '';
  const all = query.all === 'true' || query.all === '1';
  yield await ttiReport(ctx, {
    ...(/^[A-Za-z0-9._-]{1,200}$/.test(product) ? { product: [product] } : {}),
    all,
  });
});

/** The CSV twin of a table page (`/hosts` -> `/hosts.csv`), with the same query string. */
export function csvHref(tableHref: string): string {
  const [path = '', search] = tableHref.split('?', 2);
  return `${path}.csv${search ? `?${search}` : ''}`;
}

/**
 * GET /hosts.csv, /people.csv and /tti.csv. Register on the dashboard's guarded scope (beside
 * the pages in pages/routes.ts) so only a signed-in admin downloads them.
 */
export function csvRoutes(scope: FastifyInstance, ctx: AppContext): void {
  for (const [path, spec] of [
    ['/hosts.csv', hostsCsv],
    ['/people.csv', peopleCsv],
    ['/tti.csv', ttiCsv],
  ] as const) {
    scope.get(path, (req, reply) => {
      const now = ctx.now();
      const query = (req.query ?? {}) as Record<string, unknown>;
      return sendCsv(reply, spec, { ctx, query, now }, now);
    });
  }
}
