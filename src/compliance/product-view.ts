import {
  buildCatalog,
  type CatalogEntry,
  type CatalogInput,
  type StoredRelease,
} from '../catalog/catalog.js';
import type { Product } from '../catalog/model.js';
import { compareVersions, versionSchemes } from '../catalog/versions/api.js';
import type { ParsedVersion, VersionScheme } from '../catalog/versions/types.js';

/** A release whose version parsed, with the date its grace period counts from. */
export interface DatedRelease {
  readonly release: StoredRelease;
  readonly parsed: ParsedVersion;
  /** ISO date: released, or first seen when the feed gives no date. */
  readonly date: string;
}

/** One product as evaluation needs it: its scheme, its tracks (catalog entries) and releases. */
export interface ProductView {
  readonly product: Product;
  readonly scheme: VersionScheme;
  readonly entries: readonly CatalogEntry[];
  /** Releases that parse; one that does not cannot be ordered, so it cannot be lacked either. */
  readonly releases: readonly DatedRelease[];
}

/** When a release's clock starts: its release date, else when we first saw it. */
export function releaseDate(r: StoredRelease): string {
  return r.releasedAt ?? r.firstSeenAt;
}

/**
 * Index the catalog by product. Tracks, latest versions and staleness come from buildCatalog so
 * that `patchbay catalog` and compliance never disagree about what is latest or stale.
 */
export function buildProductViews(catalog: CatalogInput, now: Date): Map<string, ProductView> {
  const entries = buildCatalog(catalog, now, compareVersions);
  const views = new Map<string, ProductView>();
  for (const product of catalog.products) {
    const scheme = versionSchemes[product.scheme];
    const releases: DatedRelease[] = [];
    for (const release of catalog.releases) {
      if (release.product !== product.id) continue;
      const parsed = scheme.parse(release.version);
      if (parsed.ok) releases.push({ release, parsed: parsed.value, date: releaseDate(release) });
    }
    views.set(product.id, {
      product,
      scheme,
      entries: entries.filter((e) => e.product === product.id),
      releases,
    });
  }
  return views;
}
