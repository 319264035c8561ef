import type { CatalogEntry } from '../catalog/catalog.js';
import type { ProductView } from './product-view.js';

/** How many of the newest Apple OS majors get security fixes when config says nothing. */
export const DEFAULT_SUPPORTED_MAJORS = 3;

/**
 * Apple ships security fixes for the newest three majors only, while SOFA keeps listing older
 * ones (Ventura, Monterey) with their last release. Left as they are, a host on such a major is
 * "current" against a release that will never be followed by another. This marks every Apple OS
 * track outside the newest `supportedMajors` as unsupported, so placeHost sends the host to an
 * upgrade. Other schemes are returned unchanged: their channels have no such window.
 */
export function withSupportWindow(view: ProductView, supportedMajors: number): ProductView {
  if (view.product.scheme !== 'apple-os') return view;
  const newest = view.entries
    .filter((e) => e.supported && majorNumber(e) !== null)
    .sort((a, b) => (majorNumber(b) ?? 0) - (majorNumber(a) ?? 0))
    .slice(0, supportedMajors);
  const keep = new Set(newest.map((e) => e.track));
  if (keep.size === view.entries.filter((e) => e.supported).length) return view;
  return {
    ...view,
    entries: view.entries.map((e) => (keep.has(e.track) ? e : { ...e, supported: false })),
  };
}

/** An Apple OS track id is its major ("15"); anything else cannot be ranked. */
export function majorNumber(entry: CatalogEntry): number | null {
  return /^\d+$/.test(entry.track) ? Number(entry.track) : null;
}
