import { z } from 'zod';
import { PatchbayError } from '../../../platform/errors/errors.js';
import { platformName, platformTrackId } from '../../model.js';
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

/** The desktop platforms read when config names none: every one a host may run Edge on. */
export const EDGE_DEFAULT_PLATFORMS: readonly string[] = ['MacOS', 'Windows', 'Linux'];

/** The host platform (inventory's word) an API `Platform` is for: "MacOS" -> macos. */
export function edgePlatformFamily(platform: string): string {
  const p = platform.toLowerCase();
  return p === 'macos' ? 'macos' : p;
}

const platformOf = (item: unknown): unknown =>
  item && typeof item === 'object' ? (item as Record<string, unknown>).Platform : undefined;

/**
 * The raw releases of `platform`. One without a readable Platform goes to the first platform read,
 * so the schema still names its bad field; a release of a platform not read is never checked.
 */
function releasesOf(all: readonly unknown[], platform: string, first: boolean): unknown[] {
  return all.filter((item) => {
    const p = platformOf(item);
    return typeof p === 'string' ? edgePlatformFamily(p) === edgePlatformFamily(platform) : first;
  });
}

/** "MacOS, Windows" or a list: the platforms to read, in order, each once. */
export function edgePlatforms(platforms: string | readonly string[]): string[] {
  const list = typeof platforms === 'string' ? platforms.split(',') : platforms;
  const seen = new Set<string>();
  return list
    .map((p) => p.trim())
    .filter((p) => p !== '' && !seen.has(edgePlatformFamily(p)) && seen.add(edgePlatformFamily(p)));
}

/**
 * Parse the Edge products API: a track per browser channel and platform that has a release
 * there, with that release's version, time and CVEs. MacOS releases keep the plain channel
 * track ("stable"); another platform's go to "stable/windows" (see platformTrackId), so each
 * host is judged against its own platform's releases.
 */
export function parseEdge(
  json: unknown,
  feed: string,
  platforms: string | readonly string[] = EDGE_DEFAULT_PLATFORMS,
): ParsedFeed {
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
  const read = edgePlatforms(platforms);
  const found = new Set<string>();
  for (const product of products.ok) {
    const channel = product.Product.toLowerCase();
    const name = CHANNELS.get(channel);
    if (!name) continue;
    read.forEach((platform, i) => {
      const mine = releasesOf(product.Releases, platform, i === 0);
      if (mine.length === 0) return;
      const family = edgePlatformFamily(platform);
      found.add(family);
      const id = platformTrackId(channel, family);
      tracks.push({
        product: EDGE_PRODUCT.id,
        id,
        name: family === 'macos' ? name : `${name} (${platformName(family)})`,
      });
      const byId = nameByKey('ReleaseId');
      const parsed = parseEach(
        feed,
        mine,
        edgeReleaseSchema,
        (item, j) => `${product.Product}/${byId(item, j)}`,
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
    });
  }
  issues.push(...unreleasedPlatforms(read, found, feed));
  return { products: [EDGE_PRODUCT], tracks, releases, issues };
}

/**
 * A configured platform with no release on any channel is most likely a typo ("Windoes"): its
 * hosts would be judged against the macOS releases with nothing in config to say why.
 */
function unreleasedPlatforms(
  read: readonly string[],
  found: ReadonlySet<string>,
  feed: string,
): FeedIssue[] {
  return read
    .filter((p) => !found.has(edgePlatformFamily(p)))
    .map((p) => ({
      source: feed,
      record: `platform ${p}`,
      field: 'Releases[].Platform',
      message: `The Edge products API lists no browser release for platform "${p}": check feeds.${feed}.platform (the API spells them MacOS, Windows, Linux, iOS, Android)`,
    }));
}

// One platform or several, comma-separated ("MacOS,Windows"), as the API spells them.
const optionsSchema = z.object({
  platform: z
    .union([z.string(), z.array(z.string())])
    .refine((p) => edgePlatforms(p).length > 0)
    .default([...EDGE_DEFAULT_PLATFORMS]),
});

/** Microsoft Edge releases per channel and platform, from the Edge products API. */
export class EdgeSource implements FeedSource {
  static readonly id = 'edge';
  readonly id = EdgeSource.id;
  readonly defaultUrl = 'https://edgeupdates.microsoft.com/api/products';
  // Edge ships Stable security fixes within days of Chrome; a day stale is already notable.
  readonly defaultMaxAgeMs = 24 * 60 * 60 * 1000;

  read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const opts = optionsSchema.safeParse(ctx.options);
    if (!opts.success) {
      const key = `feeds.${ctx.name}.platform`;
      const msg = `${key}: must name one or more platforms, comma-separated (e.g. MacOS,Windows)`;
      return Promise.reject(new PatchbayError('E_CONFIG_INVALID', msg, { feed: ctx.name, key }));
    }
    return readSingleJson(ctx, (json, feed) => parseEdge(json, feed, opts.data.platform));
  }
}
