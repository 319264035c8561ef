import type { AppleModel, Product, Release, Track } from './model.js';
import { feedStaleness, type FeedHealth } from './staleness.js';
import type { VersionSchemeId } from './versions/types.js';

/** One line of the catalog: the latest release of one track of one product. */
export interface CatalogEntry {
  readonly product: string;
  readonly productName: string;
  readonly platform: string;
  readonly track: string;
  readonly trackName: string;
  readonly supported: boolean;
  readonly version: string;
  readonly build: string | null;
  readonly releasedAt: string | null;
  readonly cves: readonly string[];
  readonly exploitedCves: readonly string[];
  readonly url: string | null;
  readonly firstSeenAt: string;
  readonly stale: boolean;
  readonly staleReason: string | null;
}

export interface StoredRelease extends Release {
  readonly feed: string;
  readonly firstSeenAt: string;
}

export interface StoredTrack extends Track {
  readonly supported: boolean;
  readonly feed: string;
}

export interface CatalogInput {
  readonly products: readonly Product[];
  readonly tracks: readonly StoredTrack[];
  readonly releases: readonly StoredRelease[];
  readonly feeds: readonly FeedHealth[];
  /** Hardware models and the OS majors they run (SOFA `Models`); absent: none known. */
  readonly models?: readonly AppleModel[];
}

export type CompareFn = (scheme: VersionSchemeId, a: string, b: string) => number | null;

/**
 * The latest release of every track, judged by the product's version scheme (a version that does
 * not parse loses to one that does; between two unparseable ones the later release date wins).
 * A track is stale when any feed that reported into it is stale.
 */
export function buildCatalog(input: CatalogInput, now: Date, compare: CompareFn): CatalogEntry[] {
  const products = new Map(input.products.map((p) => [p.id, p]));
  const health = new Map(input.feeds.map((f) => [f.name, feedStaleness(f, now)]));
  const byTrack = new Map<string, StoredRelease[]>();
  for (const r of input.releases) {
    const key = `${r.product}\u0000${r.track}`;
    const list = byTrack.get(key) ?? [];
    list.push(r);
    byTrack.set(key, list);
  }
  const entries: CatalogEntry[] = [];
  for (const track of input.tracks) {
    const product = products.get(track.product);
    const releases = byTrack.get(`${track.product}\u0000${track.id}`);
    if (!product || !releases || releases.length === 0) continue;
    const latest = releases.reduce((best, r) =>
      newer(product.scheme, r, best, compare) ? r : best,
    );
    const feeds = new Set([track.feed, ...releases.map((r) => r.feed)]);
    const reasons = [...feeds]
      .map((f) => health.get(f) ?? { stale: true, reason: `feed ${f} is not configured` })
      .filter((s) => s.stale);
    entries.push({
      product: product.id,
      productName: product.name,
      platform: product.platform,
      track: track.id,
      trackName: track.name,
      supported: track.supported,
      version: latest.version,
      build: latest.build,
      releasedAt: latest.releasedAt,
      cves: latest.cves,
      exploitedCves: latest.exploitedCves,
      url: latest.url,
      firstSeenAt: latest.firstSeenAt,
      stale: reasons.length > 0,
      staleReason: reasons.map((s) => s.reason).join('; ') || null,
    });
  }
  return entries.sort(
    (a, b) => a.product.localeCompare(b.product) || trackOrder(a, b, products, compare),
  );
}

function newer(
  scheme: VersionSchemeId,
  a: StoredRelease,
  b: StoredRelease,
  compare: CompareFn,
): boolean {
  const c = compare(scheme, a.version, b.version);
  if (c !== null && c !== 0) return c > 0;
  const aOk = compare(scheme, a.version, a.version) !== null;
  const bOk = compare(scheme, b.version, b.version) !== null;
  if (aOk !== bOk) return aOk;
  return (a.releasedAt ?? '') > (b.releasedAt ?? '');
}

/** Newest track first for numbered tracks (macOS 26 before 15); by name otherwise. */
function trackOrder(
  a: CatalogEntry,
  b: CatalogEntry,
  products: Map<string, Product>,
  compare: CompareFn,
): number {
  const na = Number(a.track);
  const nb = Number(b.track);
  if (Number.isFinite(na) && Number.isFinite(nb)) return nb - na;
  const scheme = products.get(a.product)?.scheme;
  const c = scheme ? compare(scheme, b.version, a.version) : null;
  return c ?? a.track.localeCompare(b.track);
}
