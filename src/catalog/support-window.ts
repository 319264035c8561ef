import type { CatalogEntry } from './catalog.js';

/** How many of the newest Apple OS majors get security fixes when config says nothing. */
export const DEFAULT_SUPPORTED_MAJORS = 3;

/**
 * Apple ships security fixes for the newest three majors only, while SOFA keeps listing older
 * ones (Ventura, Monterey) with their last release. Left as they are, such a major reads as a
 * supported track whose latest release will never be followed by another. This marks every
 * track of one Apple OS product outside the newest `supportedMajors` as unsupported. It lives in
 * the catalog so that `patchbay catalog`, the API and compliance all draw the same line.
 */
export function withinSupportWindow(
  entries: readonly CatalogEntry[],
  supportedMajors: number,
): readonly CatalogEntry[] {
  const newest = entries
    .filter((e) => e.supported && majorNumber(e) !== null)
    .sort((a, b) => (majorNumber(b) ?? 0) - (majorNumber(a) ?? 0))
    .slice(0, supportedMajors);
  const keep = new Set(newest.map((e) => e.track));
  if (keep.size === entries.filter((e) => e.supported).length) return entries;
  return entries.map((e) => (keep.has(e.track) ? e : { ...e, supported: false }));
}

/**
 * The catalog of every product with the window applied to the Apple OS products only (their
 * tracks are majors); other schemes' channels have no such window. Also returns which tracks
 * the window closed, so a listing can say why they left.
 */
export function applyAppleSupportWindow(
  entries: readonly CatalogEntry[],
  isAppleOs: (product: string) => boolean,
  supportedMajors: number,
): { entries: CatalogEntry[]; closed: CatalogEntry[] } {
  const byProduct = new Map<string, CatalogEntry[]>();
  for (const e of entries) byProduct.set(e.product, [...(byProduct.get(e.product) ?? []), e]);
  const out: CatalogEntry[] = [];
  const closed: CatalogEntry[] = [];
  for (const [product, own] of byProduct) {
    const windowed = isAppleOs(product) ? withinSupportWindow(own, supportedMajors) : own;
    windowed.forEach((e, i) => {
      if (own[i]?.supported && !e.supported) closed.push(e);
    });
    out.push(...windowed);
  }
  return { entries: out, closed };
}

/** An Apple OS track id is its major ("15"); anything else cannot be ranked. */
export function majorNumber(entry: Pick<CatalogEntry, 'track'>): number | null {
  return /^\d+$/.test(entry.track) ? Number(entry.track) : null;
}
