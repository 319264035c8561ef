import { buildCatalog, type CatalogEntry, type CatalogInput } from './catalog.js';
import { feedStaleness } from './staleness.js';
import { applyAppleSupportWindow } from './support-window.js';
import { compareVersions } from './versions/api.js';

export interface CatalogFilter {
  readonly product?: readonly string[];
  /** Include tracks the feed no longer supports. */
  readonly all?: boolean;
  /** Apple's support window (policies.apple.supportedMajors): older Apple OS majors are unsupported. */
  readonly supportedMajors: number;
}

/** The catalog plus every feed that cannot be trusted now, including ones that never delivered. */
export interface CatalogView {
  readonly entries: readonly CatalogEntry[];
  readonly unhealthyFeeds: readonly string[];
  /** Tracks the feed still lists but Apple's support window closed (in the filter's products). */
  readonly outsideWindow: readonly CatalogEntry[];
}

/** What `patchbay catalog` and GET /api/v1/catalog show: one read, one filter, for both. */
export async function readCatalogView(
  store: { loadCatalogInput(): Promise<CatalogInput> },
  now: Date,
  filter: CatalogFilter,
): Promise<CatalogView> {
  const input = await store.loadCatalogInput();
  const appleOs = new Set(input.products.filter((p) => p.scheme === 'apple-os').map((p) => p.id));
  const wanted = (e: CatalogEntry): boolean =>
    !filter.product?.length || filter.product.includes(e.product);
  const windowed = applyAppleSupportWindow(
    buildCatalog(input, now, compareVersions),
    (product) => appleOs.has(product),
    filter.supportedMajors,
  );
  const entries = windowed.entries.filter((e) => (filter.all || e.supported) && wanted(e));
  const unhealthyFeeds = input.feeds.flatMap((f) => feedStaleness(f, now).reason ?? []);
  return { entries, unhealthyFeeds, outsideWindow: windowed.closed.filter(wanted) };
}

/** The documented JSON of one catalog line (`catalog --json`, the API). */
export interface CatalogJsonEntry {
  product: string;
  productName: string;
  track: string;
  trackName: string;
  version: string;
  build: string | null;
  releasedAt: string | null;
  cves: string[];
  exploitedCves: string[];
  url: string | null;
  supported: boolean;
  stale: boolean;
  staleReason: string | null;
  firstSeenAt: string;
}

/** Field by field, so a new internal field never leaks into the documented contract. */
export function catalogEntryJson(e: CatalogEntry): CatalogJsonEntry {
  return {
    product: e.product,
    productName: e.productName,
    track: e.track,
    trackName: e.trackName,
    version: e.version,
    build: e.build,
    releasedAt: e.releasedAt,
    cves: [...e.cves],
    exploitedCves: [...e.exploitedCves],
    url: e.url,
    supported: e.supported,
    stale: e.stale,
    staleReason: e.staleReason,
    firstSeenAt: e.firstSeenAt,
  };
}
