import type { CatalogEntry } from '../catalog/catalog.js';
import type { ParsedVersion } from '../catalog/versions/types.js';
import type { ProductView } from './product-view.js';
import { trackForVersion } from './track-of-host.js';

/** Where a host's installed version sits in a product's catalog. */
export type Placement =
  | { readonly kind: 'track'; readonly entry: CatalogEntry }
  /** An Apple OS major the feed no longer lists (or lists as unsupported). */
  | { readonly kind: 'unsupported'; readonly major: string; readonly oldest: CatalogEntry }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Place a host in a track (see trackForVersion). Apple OS majors are tracks with an end of life:
 * a major that is not listed, or listed as unsupported, needs an upgrade to the oldest supported
 * major at least. A version above everything the feed lists (a beta, a major SOFA has not added
 * yet) is not called unsupported: that would be a false alarm.
 */
export function placeHost(view: ProductView, installed: ParsedVersion): Placement {
  const { product, scheme, entries } = view;
  const supported = entries.filter((e) => e.supported);
  if (product.scheme !== 'apple-os') {
    // Unsupported channels are only a fallback: a product whose tracks all ended still has data.
    const pool = supported.length > 0 ? supported : entries;
    const id = trackForVersion(product.scheme, installed, pool);
    const entry = pool.find((e) => e.track === id);
    if (entry) return { kind: 'track', entry };
    return { kind: 'unknown', reason: `no ${product.name} release is known yet` };
  }

  const id = trackForVersion(product.scheme, installed, entries);
  const entry = entries.find((e) => e.track === id);
  if (entry?.supported) return { kind: 'track', entry };
  const major = scheme.trackOf(installed);
  if (!entry && newerThanAll(view, installed)) {
    return {
      kind: 'unknown',
      reason: `${product.name} ${installed.raw} is newer than any release the feeds list (a beta or a new major)`,
    };
  }
  const oldest = lowest(view, supported);
  if (!oldest) {
    return { kind: 'unknown', reason: `no supported ${product.name} major is known` };
  }
  return { kind: 'unsupported', major, oldest };
}

function newerThanAll(view: ProductView, installed: ParsedVersion): boolean {
  return view.releases.every((r) => view.scheme.compare(installed, r.parsed) > 0);
}

/** The entry with the lowest latest version: the oldest supported major. */
function lowest(view: ProductView, entries: readonly CatalogEntry[]): CatalogEntry | null {
  let best: { entry: CatalogEntry; parsed: ParsedVersion } | null = null;
  for (const entry of entries) {
    const parsed = view.scheme.parse(entry.version);
    if (!parsed.ok) continue;
    if (best === null || view.scheme.compare(parsed.value, best.parsed) < 0) {
      best = { entry, parsed: parsed.value };
    }
  }
  return best?.entry ?? null;
}
