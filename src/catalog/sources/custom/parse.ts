import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { issuesFromZod } from '../issues.js';
import type { ParsedFeed } from '../types.js';
import type { CustomProduct } from './schema.js';
import { customDocumentSchema, customProductSchema, customReleaseSchema } from './schema.js';

function productRecord(item: unknown, index: number): string {
  const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
  // A blank id would make an issue name no record at all.
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : `#${index}`;
}

function releaseRecord(base: string, item: unknown, index: number): string {
  const v =
    item && typeof item === 'object' ? (item as Record<string, unknown>).version : undefined;
  return `${base}/${typeof v === 'string' && v.trim() !== '' ? v.trim() : `#${index}`}`;
}

/** Sorted and deduplicated, as the model wants CVE lists. */
function cveList(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/**
 * Parse a custom feed (format: docs/custom-feed.md). A product that fails its schema (bad id,
 * unknown platform or scheme, a typo'd key) is skipped with an issue; a release that fails is
 * skipped with an issue and its siblings stay. exploitedCves are also added to cves: an exploited
 * CVE is by definition one the release fixes, and the admin should not have to write it twice.
 */
export function parseCustomFeed(json: unknown, feed: string): ParsedFeed {
  const doc = customDocumentSchema.safeParse(json);
  if (!doc.success) {
    throw new PatchbayError(
      'E_FEED_PARSE',
      `Feed ${feed}: expected a JSON object with a "products" list (see docs/custom-feed.md)`,
      { feed, field: 'products' },
    );
  }
  const products: Product[] = [];
  const tracks: Track[] = [];
  const releases: Release[] = [];
  const issues: FeedIssue[] = [];

  doc.data.products.forEach((item, index) => {
    const record = productRecord(item, index);
    const res = customProductSchema.safeParse(item);
    if (!res.success) return void issues.push(...issuesFromZod(feed, record, res.error));
    const product: CustomProduct = res.data;
    if (products.some((p) => p.id === product.id)) {
      issues.push({
        source: feed,
        record,
        field: 'id',
        message: 'duplicate product id; the first one is kept',
      });
      return;
    }
    products.push({
      id: product.id,
      name: product.name,
      platform: product.platform,
      scheme: product.scheme,
    });

    for (const track of product.tracks) {
      tracks.push({ product: product.id, id: track.id, name: track.name ?? track.id });
      const versions = new Set<string>();
      track.releases.forEach((raw, i) => {
        const rec = releaseRecord(`${product.id}/${track.id}`, raw, i);
        const rel = customReleaseSchema.safeParse(raw);
        if (!rel.success) return void issues.push(...issuesFromZod(feed, rec, rel.error));
        const r = rel.data;
        if (versions.has(r.version)) {
          issues.push({
            source: feed,
            record: rec,
            field: 'version',
            message: 'duplicate version in this track; the first one is kept',
          });
          return;
        }
        versions.add(r.version);
        releases.push({
          product: product.id,
          track: track.id,
          version: r.version,
          build: r.build ?? null,
          releasedAt: r.releasedAt ?? null,
          cves: cveList([...r.cves, ...r.exploitedCves]),
          exploitedCves: cveList(r.exploitedCves),
          url: r.url ?? null,
        });
      });
    }
  });
  return { products, tracks, releases, issues };
}
