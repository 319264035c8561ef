import { buildCatalog, type CatalogEntry } from '../../catalog/catalog.js';
import type { Product } from '../../catalog/model.js';
import { compareVersions } from '../../catalog/versions/api.js';
import type { FindingStatus, TtiStats } from '../../compliance/model.js';
import { computeFindings, computeTtiReport } from '../../compliance/service.js';
import { complianceDeps, type AppContext } from '../../context.js';
import { compliancePercent, emptyCounts, SEVERITY, type StatusCounts } from './summary.js';

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
  /** Worst first. */
  readonly hosts: readonly ProductHostRow[];
}

/** The product page's data, or null when the catalog has no such product. */
export async function loadProduct(
  ctx: AppContext,
  id: string,
  now: Date,
): Promise<ProductData | null> {
  const input = await ctx.catalog.loadCatalogInput();
  const product = input.products.find((p) => p.id === id);
  if (!product) return null;
  const deps = complianceDeps(ctx);
  const [{ findings, hosts }, tti] = await Promise.all([
    computeFindings(deps, now),
    computeTtiReport(deps, now, [id]),
  ]);
  const mine = findings.filter((f) => f.product === id);
  const byVersion = new Map<string, StatusCounts>();
  const totals = emptyCounts();
  for (const f of mine) {
    const c = byVersion.get(f.installed) ?? emptyCounts();
    c[f.status]++;
    byVersion.set(f.installed, c);
    totals[f.status]++;
  }
  const order = (a: string, b: string): number =>
    compareVersions(product.scheme, a, b) ?? a.localeCompare(b);
  return {
    product,
    tracks: buildCatalog(input, now, compareVersions).filter((e) => e.product === id),
    spread: [...byVersion]
      .sort(([a], [b]) => order(a, b))
      .map(([version, counts]) => ({ version, counts })),
    totals,
    compliance: compliancePercent(totals),
    tti: [...tti].sort(
      (a, b) => a.releasedAt.localeCompare(b.releasedAt) || order(a.version, b.version),
    ),
    hosts: mine
      .map((f) => {
        const host = hosts.get(f.hostId);
        return {
          hostId: f.hostId,
          hostName: host?.name ?? null,
          ownerEmail: host?.ownerEmail ?? null,
          track: f.track,
          installed: f.installed,
          required: f.required,
          status: f.status,
          deadline: f.deadline,
          reason: f.reason,
        };
      })
      .sort(
        (a, b) =>
          SEVERITY[b.status] - SEVERITY[a.status] ||
          (a.hostName ?? a.hostId).localeCompare(b.hostName ?? b.hostId),
      ),
  };
}
