import { feedStaleness } from '../../catalog/staleness.js';
import { countsByTrack } from '../../compliance/finding-counts.js';
import { topPeople, type PersonToChase } from '../../compliance/people-pages.js';
import { computerCounts, type ComputerCounts } from '../../compliance/host-status-query.js';
import { loadSnapshots } from '../../compliance/snapshots.js';
import type { AppContext } from '../../context.js';
import { countHosts } from '../../inventory/host-query.js';
import {
  compliancePercent,
  totalCounts,
  trackRows,
  trendFrom,
  type StatusCounts,
  type TrackRow,
  type Trend,
} from './summary.js';

/** Days of history the trend chart shows. */
export const TREND_DAYS = 30;
/** People listed to follow up. */
export const PEOPLE_ROWS = 10;

export interface OverviewData {
  readonly rows: readonly TrackRow[];
  /** Findings (computer x product) by status, summed over the rows. */
  readonly totals: StatusCounts;
  /** Computers by their worst finding: a computer is compliant when every product on it is. */
  readonly computers: ComputerCounts;
  /** Share of judged computers (unknown left out) that are compliant, 0..100, or null. */
  readonly compliance: number | null;
  /** Active computers, with findings or not. */
  readonly hosts: number;
  readonly trend: Trend;
  readonly staleFeeds: readonly { name: string; reason: string }[];
  /** People with computers overdue or pending, worst first (top PEOPLE_ROWS). */
  readonly people: readonly PersonToChase[];
}

/**
 * Everything the overview shows, as a handful of queries whose cost does not grow with the
 * fleet's rows shown: counts by GROUP BY (per track, and computers by their worst finding), the
 * active host COUNT, the top people with LIMIT, the
 * snapshots of the trend and the catalog (products and feeds, not hosts).
 */
export async function loadOverview(ctx: AppContext, now: Date): Promise<OverviewData> {
  const since = new Date(now.getTime() - TREND_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [cells, hosts, people, input, snapshots, computers] = await Promise.all([
    // Maintained by every refresh: a few hundred rows, however large the fleet.
    countsByTrack(ctx.db, now).then((ts) =>
      ts.map((t) => ({ key: t.product, track: t.track, counts: t.counts })),
    ),
    countHosts(ctx.db, {}),
    topPeople(ctx.db, now, PEOPLE_ROWS),
    ctx.catalog.loadCatalogInput(),
    loadSnapshots(ctx.db, since),
    computerCounts(ctx.db, now),
  ]);
  const names = new Map(input.products.map((p) => [p.id, p.name]));
  const rows = trackRows(cells, names);
  const totals = totalCounts(rows);
  return {
    rows,
    totals,
    computers,
    compliance: compliancePercent(computers.byWorst),
    hosts,
    trend: trendFrom(snapshots, names),
    staleFeeds: input.feeds.flatMap((f) => {
      const s = feedStaleness(f, now);
      return s.stale ? [{ name: f.name, reason: s.reason ?? 'stale' }] : [];
    }),
    people,
  };
}
