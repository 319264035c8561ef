import { z } from 'zod';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { nameByKey, parseEach } from '../issues.js';
import { readSingleJson } from '../read-json.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';
import { edgeProductSchema, edgeProductsSchema, edgeReleaseSchema } from './schema.js';

export const EDGE_PRODUCT: Product = {
  id: 'edge',
  name: 'Microsoft Edge',
  platform: 'cross',
  scheme: 'chrome',
};

/** Browser channels by the API's Product value (lower-cased); EdgeUpdate, Policy etc. are not. */
const CHANNELS: ReadonlyMap<string, string> = new Map([
  ['stable', 'Stable'],
  ['extended', 'Extended Stable'],
  ['beta', 'Beta'],
  ['dev', 'Dev'],
  ['canary', 'Canary'],
]);

/** A raw release is ours unless it plainly names another platform (a bad one is still checked). */
function onPlatform(platform: string): (item: unknown) => boolean {
  return (item) => {
    const p =
      item && typeof item === 'object' ? (item as Record<string, unknown>).Platform : undefined;
    return typeof p !== 'string' || p.toLowerCase() === platform.toLowerCase();
  };
}

/**
 * Parse the Edge products API: a track per browser channel that has a release for `platform`
 * (default MacOS, as the API spells it), with that release's version, time and CVEs.
 */
export function parseEdge(json: unknown, feed: string, platform = 'MacOS'): ParsedFeed {
  const top = edgeProductsSchema.safeParse(json);
  if (!top.success) {
    throw new PatchbayError('E_FEED_PARSE', `Feed ${feed}: expected a JSON array of products`, {
      feed,
      field: '(document)',
    });
  }
  const products = parseEach(feed, top.data, edgeProductSchema, nameByKey('Product'));
  const issues: FeedIssue[] = [...products.issues];
  const tracks: Track[] = [];
  const releases: Release[] = [];
  for (const product of products.ok) {
    const id = product.Product.toLowerCase();
    const name = CHANNELS.get(id);
    if (!name) continue;
    const mine = product.Releases.filter(onPlatform(platform));
    if (mine.length === 0) continue;
    tracks.push({ product: EDGE_PRODUCT.id, id, name });
    const byId = nameByKey('ReleaseId');
    const parsed = parseEach(
      feed,
      mine,
      edgeReleaseSchema,
      (item, i) => `${product.Product}/${byId(item, i)}`,
    );
    issues.push(...parsed.issues);
    for (const r of parsed.ok) {
      releases.push({
        product: EDGE_PRODUCT.id,
        track: id,
        version: r.ProductVersion,
        build: null,
        releasedAt: r.PublishedTime ?? null,
        cves: [...new Set((r.CVEs ?? []).map((c) => c.trim()))].sort(),
        exploitedCves: [], // the API does not say which are exploited.
        url: null, // it links no advisory; release notes are per channel, not per release.
      });
    }
  }
  return { products: [EDGE_PRODUCT], tracks, releases, issues };
}

const optionsSchema = z.object({ platform: z.string().min(1).default('MacOS') });

/** Microsoft Edge releases per channel for one platform, from the Edge products API. */
export class EdgeSource implements FeedSource {
  static readonly id = 'edge';
  readonly id = EdgeSource.id;
  readonly defaultUrl = 'https://edgeupdates.microsoft.com/api/products';
  // Edge ships Stable security fixes within days of Chrome; a day stale is already notable.
  readonly defaultMaxAgeMs = 24 * 60 * 60 * 1000;

  read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const opts = optionsSchema.safeParse(ctx.options);
    if (!opts.success) {
      const msg = `Feed ${ctx.name}: option platform must be a non-empty string (e.g. MacOS)`;
      return Promise.reject(new PatchbayError('E_CONFIG_INVALID', msg, { feed: ctx.name }));
    }
    return readSingleJson(ctx, (json, feed) => parseEdge(json, feed, opts.data.platform));
  }
}
