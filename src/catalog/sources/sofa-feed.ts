/**
 * SOFA's v1 data feeds (macos_data_feed.json, ios_data_feed.json) share one wire format: a list
 * of OSVersions, each with its Latest release and its SecurityReleases. sofa-macos and sofa-ios
 * differ only in product and URL, so the schema and the parser live here once.
 */
import { z } from 'zod';
import { PatchbayError } from '../../platform/errors/errors.js';
import type { AppleModel, FeedIssue, Product, Release, Track } from '../model.js';
import { issuesFromZod, parseEach } from './issues.js';
import type { ParsedFeed } from './types.js';

/**
 * The top level: OSVersions, and Models where the feed has it (macOS; XProtect etc. are ignored).
 * Models is checked per model, so a bad one costs only itself.
 */
export const sofaFeedSchema = z.object({
  OSVersions: z.array(z.unknown()),
  Models: z.record(z.string(), z.unknown()).nullish().catch(null),
});

/** One Models entry: "Mac14,10" -> its name and the OS majors it runs. */
export const sofaModelSchema = z.object({
  MarketingName: z.string().trim().nullish().catch(null),
  OSVersions: z.array(z.number().int().positive()),
});

/** One OSVersions entry; its releases are parsed one by one so a bad one costs only itself. */
export const sofaOsVersionSchema = z.object({
  OSVersion: z.string().min(1),
  Latest: z.unknown(),
  SecurityReleases: z.array(z.unknown()).default([]),
});

const dateString = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a valid date' })
  .transform((s) => new Date(s).toISOString());

/** One SecurityReleases entry (and the base of Latest). */
export const sofaReleaseSchema = z.object({
  ProductVersion: z.string().trim().min(1),
  ReleaseDate: dateString.nullish(),
  // An advisory link is a nicety: SOFA writes "" or prose when Apple published none, so a
  // value that is not a link becomes null instead of costing the release.
  SecurityInfo: z.string().nullish().catch(null),
  CVEs: z.record(z.string(), z.unknown()).nullish(),
  ActivelyExploitedCVEs: z.array(z.string()).nullish(),
});

/** The Latest entry: the only place v1 gives the build. */
export const sofaLatestSchema = sofaReleaseSchema.extend({ Build: z.string().trim().nullish() });

type SofaRelease = z.infer<typeof sofaReleaseSchema>;

function sortedUnique(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

function majorOf(version: string): string {
  return version.split('.')[0] ?? version;
}

function toRelease(product: Product, track: string, r: SofaRelease, build: string | null): Release {
  const url = r.SecurityInfo && /^https?:\/\//.test(r.SecurityInfo) ? r.SecurityInfo : null;
  return {
    product: product.id,
    track,
    version: r.ProductVersion,
    build,
    releasedAt: r.ReleaseDate ?? null,
    cves: sortedUnique(Object.keys(r.CVEs ?? {})),
    exploitedCves: sortedUnique(r.ActivelyExploitedCVEs ?? []),
    url,
  };
}

/** Latest repeats its SecurityReleases entry and adds the build: keep one, lose no CVE. */
function merge(a: Release, b: Release): Release {
  return {
    ...a,
    build: b.build ?? a.build,
    releasedAt: a.releasedAt ?? b.releasedAt,
    url: a.url ?? b.url,
    cves: sortedUnique([...a.cves, ...b.cves]),
    exploitedCves: sortedUnique([...a.exploitedCves, ...b.exploitedCves]),
  };
}

/** "Tahoe 26" -> "26" (macOS); iOS writes the bare number "26". */
function trackIdOf(osVersion: string): string | null {
  return /(\d+)\s*$/.exec(osVersion)?.[1] ?? null;
}

/**
 * Parse a SOFA v1 feed document into one product, a track per OS major and its releases.
 * Pure: tests call it with the real feed files.
 */
export function parseSofaFeed(json: unknown, feed: string, product: Product): ParsedFeed {
  const top = sofaFeedSchema.safeParse(json);
  if (!top.success) {
    throw new PatchbayError('E_FEED_PARSE', `Feed ${feed}: not a SOFA feed (no OSVersions list)`, {
      feed,
      field: 'OSVersions',
    });
  }
  const tracks: Track[] = [];
  const releases: Release[] = [];
  const issues: FeedIssue[] = [];
  top.data.OSVersions.forEach((entry, i) => {
    const where = `OSVersions[${i}]`;
    const os = sofaOsVersionSchema.safeParse(entry);
    if (!os.success) {
      issues.push(...issuesFromZod(feed, where, os.error));
      return;
    }
    const trackId = trackIdOf(os.data.OSVersion);
    if (trackId === null) {
      issues.push({
        source: feed,
        record: where,
        field: 'OSVersion',
        message: `no major version number in "${os.data.OSVersion}"`,
      });
      return;
    }
    const name = /^\d+$/.test(os.data.OSVersion.trim())
      ? `${product.name} ${trackId}`
      : os.data.OSVersion;
    tracks.push({ product: product.id, id: trackId, name });

    const byVersion = new Map<string, Release>();
    const add = (r: Release): void => {
      const seen = byVersion.get(r.version);
      byVersion.set(r.version, seen ? merge(seen, r) : r);
    };
    const security = parseEach(
      feed,
      os.data.SecurityReleases,
      sofaReleaseSchema,
      (_, j) => `${where}.SecurityReleases[${j}]`,
    );
    issues.push(...security.issues);
    // A release of another major does not belong to this track (it is listed under its own).
    for (const r of security.ok)
      if (majorOf(r.ProductVersion) === trackId) add(toRelease(product, trackId, r, null));

    const latest = sofaLatestSchema.safeParse(os.data.Latest);
    if (latest.success) {
      if (majorOf(latest.data.ProductVersion) === trackId) {
        add(toRelease(product, trackId, latest.data, latest.data.Build || null));
      }
    } else {
      issues.push(...issuesFromZod(feed, `${where}.Latest`, latest.error));
    }
    releases.push(...byVersion.values());
  });
  const models = parseModels(top.data.Models ?? {}, feed, product, issues);
  return {
    products: [product],
    tracks,
    releases,
    issues,
    ...(models.length > 0 ? { models } : {}),
  };
}

/** SOFA's Models map: which majors each model identifier runs (see compliance/upgrade.ts). */
function parseModels(
  raw: Readonly<Record<string, unknown>>,
  feed: string,
  product: Product,
  issues: FeedIssue[],
): AppleModel[] {
  const models: AppleModel[] = [];
  const seen = new Set<string>();
  for (const [id, value] of Object.entries(raw)) {
    const model = id.trim();
    // Keys are unique only before trimming: "Mac14,10" twice in one write would fail the whole
    // feed's transaction (PostgreSQL refuses to upsert one row twice), so the first one wins.
    if (model === '' || seen.has(model)) {
      issues.push({
        source: feed,
        record: `Models.${id}`,
        field: '(record)',
        message: model === '' ? 'empty model identifier' : `model ${model} is listed twice`,
      });
      continue;
    }
    const parsed = sofaModelSchema.safeParse(value);
    if (!parsed.success) {
      issues.push(...issuesFromZod(feed, `Models.${id}`, parsed.error));
      continue;
    }
    seen.add(model);
    models.push({
      product: product.id,
      model,
      marketingName: parsed.data.MarketingName || null,
      majors: [...new Set(parsed.data.OSVersions)].sort((a, b) => b - a),
    });
  }
  return models;
}
