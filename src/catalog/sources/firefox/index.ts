import { z } from 'zod';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { issuesFromZod } from '../issues.js';
import { readFirefoxHistory } from './read-history.js';
import { parseJsonBody } from '../read-json.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';
import {
  firefoxHistoryEntrySchema,
  firefoxHistorySchema,
  firefoxVersionString,
  firefoxVersionsSchema,
} from './schema.js';

export const FIREFOX_PRODUCT: Product = {
  id: 'firefox',
  name: 'Mozilla Firefox',
  platform: 'cross',
  scheme: 'dotted',
};

interface TrackKey {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly required: boolean;
}

/** Release and ESR always; ESR_NEXT during an ESR overlap; FIREFOX_ESR<N> for kept-alive ESRs. */
function trackKeys(doc: Record<string, unknown>): TrackKey[] {
  const keys: TrackKey[] = [
    { key: 'LATEST_FIREFOX_VERSION', id: 'release', name: 'Release', required: true },
    { key: 'FIREFOX_ESR', id: 'esr', name: 'ESR', required: true },
    { key: 'FIREFOX_ESR_NEXT', id: 'esr-next', name: 'ESR (next)', required: false },
  ];
  for (const key of Object.keys(doc).sort()) {
    const major = /^FIREFOX_ESR(\d+)$/.exec(key)?.[1];
    if (major) keys.push({ key, id: `esr${major}`, name: `ESR ${major}`, required: false });
  }
  // An optional channel with "" (no ESR overlap right now) is not a track at the moment.
  return keys.filter((k) => k.required || (typeof doc[k.key] === 'string' && doc[k.key] !== ''));
}

/** Ship dates by firefox.json key; a broken file costs the dates, never the versions. */
function dateLookup(
  history: unknown,
  feed: string,
  issues: FeedIssue[],
): (raw: string) => string | null {
  if (history === undefined) return () => null;
  const doc = firefoxHistorySchema.safeParse(history);
  if (!doc.success) {
    issues.push(...issuesFromZod(feed, 'firefox.json', doc.error));
    return () => null;
  }
  return (raw) => {
    const record = `firefox-${raw}`;
    const entry = doc.data.releases[record];
    if (entry === undefined) return null; // firefox.json can lag a fresh release by hours.
    const res = firefoxHistoryEntrySchema.safeParse(entry);
    if (res.success) return res.data.date;
    issues.push(...issuesFromZod(feed, record, res.error));
    return null;
  };
}

/**
 * Parse firefox_versions.json (and, when given, firefox.json for ship dates) into the Release
 * and ESR tracks. ESR versions lose their "esr" suffix: Firefox ESR reports "102.11.0".
 */
export function parseFirefox(versions: unknown, feed: string, history?: unknown): ParsedFeed {
  const top = firefoxVersionsSchema.safeParse(versions);
  if (!top.success || Array.isArray(versions)) {
    throw new PatchbayError(
      'E_FEED_PARSE',
      `Feed ${feed}: firefox_versions.json is not an object`,
      { feed, field: '(document)' },
    );
  }
  const issues: FeedIssue[] = [];
  const dateOf = dateLookup(history, feed, issues);
  const tracks: Track[] = [];
  const releases: Release[] = [];
  for (const t of trackKeys(top.data)) {
    tracks.push({ product: FIREFOX_PRODUCT.id, id: t.id, name: t.name });
    const res = z.object({ [t.key]: firefoxVersionString }).safeParse({ [t.key]: top.data[t.key] });
    const raw = res.success ? res.data[t.key] : undefined;
    if (raw === undefined) {
      if (!res.success) issues.push(...issuesFromZod(feed, t.key, res.error));
      continue;
    }
    const version = raw.replace(/esr$/, '');
    releases.push({
      product: FIREFOX_PRODUCT.id,
      track: t.id,
      version,
      build: null,
      releasedAt: dateOf(raw),
      cves: [], // product-details carries no advisories.
      exploitedCves: [],
      url: `https://www.mozilla.org/firefox/${version}/releasenotes/`,
    });
  }
  return { products: [FIREFOX_PRODUCT], tracks, releases, issues };
}

const optionsSchema = z.object({ releaseDates: z.boolean().default(true) });

/** Firefox Release and ESR versions from Mozilla's product-details. */
export class FirefoxSource implements FeedSource {
  static readonly id = 'firefox';
  readonly id = FirefoxSource.id;
  readonly defaultUrl = 'https://product-details.mozilla.org/1.0/firefox_versions.json';
  // Mozilla ships every 4 weeks with dot releases between; 2 days stale means a broken feed.
  readonly defaultMaxAgeMs = 2 * 24 * 60 * 60 * 1000;

  async read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const opts = optionsSchema.safeParse(ctx.options);
    if (!opts.success) {
      throw new PatchbayError(
        'E_CONFIG_INVALID',
        `Feed ${ctx.name}: option releaseDates must be true or false`,
        { feed: ctx.name },
      );
    }
    // Started first so both requests run together; it never rejects.
    const historyP = opts.data.releaseDates ? readFirefoxHistory(ctx) : undefined;
    const versionsRes = await ctx.http.getText(ctx.url);
    const versions = parseJsonBody(ctx.name, versionsRes.url, versionsRes.body);
    const history = await historyP;
    const parsed = parseFirefox(versions, ctx.name, history?.json);
    return {
      notModified: versionsRes.notModified && (history?.notModified ?? true),
      ...parsed,
      issues: [...(history?.issues ?? []), ...parsed.issues],
    };
  }
}
