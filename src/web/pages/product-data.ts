import { buildCatalog, type CatalogEntry } from '../../catalog/catalog.js';
import type { Product } from '../../catalog/model.js';
import { compareVersions } from '../../catalog/versions/api.js';
import { mostUrgent, statusCountsBy } from '../../compliance/findings-pages.js';
import type { FindingStatus, TtiStats } from '../../compliance/model.js';
import { seededRandom } from '../../platform/random/seeded-random.js';
// One seed with `report --tti`: the page and the report show the same interval.
import { BOOTSTRAP_SEED, type TtiComparison } from '../../compliance/tti-compare.js';
import { computeTtiWithGroups } from '../../compliance/tti-compare-report.js';
import { computeTtiReport, latestPerTrack } from '../../compliance/tti-report.js';
import { complianceDeps, type AppContext } from '../../context.js';
import { controlGroupSetting, inControlGroup } from '../../reminders/control-group.js';
import { compliancePercent, totalCounts, type StatusCounts } from './summary.js';

/** Hosts listed on the page, worst first; the hosts page has them all. */
export const HOST_ROWS = 50;

/** One host's verdict for the product, for the product page's table. */
export interface ProductHostRow {
  readonly hostId: string;
  readonly hostName: string | null;
  readonly ownerEmail: string | null;
  readonly track: string | null;
  readonly installed: string;
  readonly required: string | null;
  readonly status: FindingStatus;
  readonly deadline: string | null;
  readonly reason: string;
}

export interface ProductData {
  readonly product: Product;
  /** Current release per track, from the catalog. */
  readonly tracks: readonly CatalogEntry[];
  /** Installed versions oldest to newest, with host counts by status. */
  readonly spread: readonly { version: string; counts: StatusCounts }[];
  readonly totals: StatusCounts;
  readonly compliance: number | null;
  readonly tti: readonly TtiStats[];
  /**
   * Reminded against control hosts for the newest needed release of each track; null while the
   * reminders control group is off (reminders.controlGroup 0).
   */
  readonly controlGroup: {
    readonly share: number;
    readonly releases: readonly { readonly stats: TtiStats; readonly comparison: TtiComparison }[];
  } | null;
  /** Hosts with a finding for the product. */
  readonly hostCount: number;
  /** The HOST_ROWS most urgent, worst first. */
  readonly hosts: readonly ProductHostRow[];
}

/**
 * The product page's data, or null when the catalog has no such product: counts by installed
 * version and status in one GROUP BY, the most urgent hosts by ORDER BY ... LIMIT, and the
 * product's time to install.
 */
export async function loadProduct(
  ctx: AppContext,
  id: string,
  now: Date,
): Promise<ProductData | null> {
  const input = await ctx.catalog.loadCatalogInput();
  const product = input.products.find((p) => p.id === id);
  if (!product) return null;
  const [versions, urgent, { tti, controlGroup }] = await Promise.all([
    statusCountsBy(ctx.db, now, { product: id }, 'installed'),
    mostUrgent(ctx.db, now, id, HOST_ROWS),
    productTti(ctx, id, now),
  ]);
  const totals = totalCounts(versions);
  const order = (a: string, b: string): number =>
    compareVersions(product.scheme, a, b) ?? a.localeCompare(b);
  return {
    product,
    tracks: buildCatalog(input, now, compareVersions).filter((e) => e.product === id),
    spread: versions
      .map((v) => ({ version: v.key, counts: v.counts }))
      .sort((a, b) => order(a.version, b.version)),
    totals,
    compliance: compliancePercent(totals),
    tti: [...tti].sort(
      (a, b) => a.releasedAt.localeCompare(b.releasedAt) || order(a.version, b.version),
    ),
    controlGroup,
    hostCount: Object.values(totals).reduce((a, b) => a + b, 0),
    hosts: urgent.map((f) => ({
      hostId: f.hostId,
      hostName: f.hostName,
      ownerEmail: f.ownerEmail,
      track: f.track,
      installed: f.installed,
      required: f.required,
      status: f.status,
      deadline: f.deadline,
      reason: f.reason,
    })),
  };
}

/**
 * The product's time to install; with the control group on, from the same single pass that
 * tags each host with its owner's group (the bootstrap runs for the newest releases only).
 */
async function productTti(
  ctx: AppContext,
  id: string,
  now: Date,
): Promise<Pick<ProductData, 'tti' | 'controlGroup'>> {
  const setting = controlGroupSetting(ctx.loaded.config.reminders);
  if (setting.share <= 0) {
    return { tti: await computeTtiReport(complianceDeps(ctx), now, [id]), controlGroup: null };
  }
  const groups = await computeTtiWithGroups(complianceDeps(ctx), now, [id], {
    isControl: (email) => inControlGroup(email, setting.share, setting.salt),
  });
  const releases = [];
  for (const stats of latestPerTrack(groups.stats.filter((s) => s.hostsNeeding > 0))) {
    releases.push({ stats, comparison: await groups.compare(stats, seededRandom(BOOTSTRAP_SEED)) });
  }
  return { tti: groups.stats, controlGroup: { share: setting.share, releases } };
}
