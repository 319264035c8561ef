import { feedStaleness } from '../../catalog/staleness.js';
import { computeFindings } from '../../compliance/service.js';
import { loadSnapshots } from '../../compliance/snapshots.js';
import { complianceDeps, type AppContext } from '../../context.js';
import {
  compliancePercent,
  countByTrack,
  emptyCounts,
  totalCounts,
  trendFrom,
  type StatusCounts,
  type TrackRow,
  type Trend,
} from './summary.js';

/** Days of history the trend chart shows. */
export const TREND_DAYS = 30;

export interface PersonRow {
  readonly email: string;
  readonly name: string | null;
  readonly counts: StatusCounts;
}

export interface OverviewData {
  readonly rows: readonly TrackRow[];
  readonly totals: StatusCounts;
  readonly compliance: number | null;
  readonly hosts: number;
  readonly trend: Trend;
  readonly staleFeeds: readonly { name: string; reason: string }[];
  /** People with overdue or pending findings, worst first (top 10). */
  readonly people: readonly PersonRow[];
}

/** Everything the overview shows, read and computed once per request. */
export async function loadOverview(ctx: AppContext, now: Date): Promise<OverviewData> {
  const since = new Date(now.getTime() - TREND_DAYS * 86_400_000).toISOString().slice(0, 10);
  const [{ findings, hosts }, input, snapshots] = await Promise.all([
    computeFindings(complianceDeps(ctx), now),
    ctx.catalog.loadCatalogInput(),
    loadSnapshots(ctx.db, since),
  ]);
  const rows = countByTrack(findings);
  const totals = totalCounts(rows);
  const people = new Map<string, PersonRow>();
  for (const f of findings) {
    const host = hosts.get(f.hostId);
    if (!host?.ownerEmail) continue;
    const p = people.get(host.ownerEmail) ?? {
      email: host.ownerEmail,
      name: host.ownerName,
      counts: emptyCounts(),
    };
    p.counts[f.status]++;
    people.set(host.ownerEmail, p);
  }
  const names = new Map(input.products.map((p) => [p.id, p.name]));
  return {
    rows,
    totals,
    compliance: compliancePercent(totals),
    hosts: [...hosts.values()].filter((h) => h.active).length,
    trend: trendFrom(snapshots, names),
    staleFeeds: input.feeds.flatMap((f) => {
      const s = feedStaleness(f, now);
      return s.stale ? [{ name: f.name, reason: s.reason ?? 'stale' }] : [];
    }),
    people: [...people.values()]
      .filter((p) => p.counts.overdue + p.counts.pending > 0)
      .sort(
        (a, b) =>
          b.counts.overdue - a.counts.overdue ||
          b.counts.pending - a.counts.pending ||
          a.email.localeCompare(b.email),
      )
      .slice(0, 10),
  };
}
