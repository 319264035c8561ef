import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeError, PatchbayError } from '../../../platform/errors/errors.js';
import { platformTrackId } from '../../model.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { issuesFromZod } from '../issues.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';
import {
  cvesOf,
  exploitedCvesOf,
  htmlToText,
  macVersionOf,
  platformVersionOf,
  trackOfTitle,
} from './post-text.js';
import { atomEntrySchema, atomFeedSchema } from './schema.js';
import type { AtomEntry } from './schema.js';

/** Same product as the VersionHistory source (`chrome`): both feeds describe one Chrome. */
export const CHROME_PRODUCT: Product = {
  id: 'chrome',
  name: 'Google Chrome',
  platform: 'cross',
  scheme: 'chrome',
};

/** Both desktop channels the blog announces; listed always, the feed only holds recent posts. */
export const CHROME_RELEASES_TRACKS: readonly Track[] = [
  { product: 'chrome', id: 'stable', name: 'Stable' },
  { product: 'chrome', id: 'extended', name: 'Extended Stable' },
  { product: 'chrome', id: 'stable/windows', name: 'Stable (Windows)' },
  { product: 'chrome', id: 'extended/windows', name: 'Extended Stable (Windows)' },
  { product: 'chrome', id: 'stable/linux', name: 'Stable (Linux)' },
  { product: 'chrome', id: 'extended/linux', name: 'Extended Stable (Linux)' },
];

/** Besides the Mac's (the plain track), the platforms whose version a post gives a track. */
const OTHER_PLATFORMS = [
  ['windows', 'windows'],
  ['linux', 'linux'],
] as const;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep "131.0" and dates as strings; make single entries/links arrays all the same.
  parseTagValue: false,
  isArray: (name) => name === 'entry' || name === 'link',
});

function parseXml(text: string, feed: string): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new PatchbayError('E_FEED_PARSE', `Feed ${feed}: not valid XML (${msg}, line ${line})`, {
      feed,
      field: '(document)',
    });
  }
  try {
    return xml.parse(text) as unknown;
  } catch (err) {
    // Valid XML can still be refused by the parser (nesting past its limit, an entity naming no
    // character): that is this feed's document failing, not Patchbay crashing.
    throw new PatchbayError(
      'E_FEED_PARSE',
      `Feed ${feed}: XML could not be read (${describeError(err)})`,
      { feed, field: '(document)' },
      { cause: err },
    );
  }
}

/** The post link: rel="alternate" (the HTML page), else the first link with an href. */
function postUrl(entry: AtomEntry): string | null {
  // A blank href links nowhere (and would name no record in an issue).
  const href = (l: AtomEntry['link'][number]): string | null => l['@_href']?.trim() || null;
  const alt = entry.link.find((l) => l['@_rel'] === 'alternate' && href(l));
  const any = entry.link.find((l) => href(l));
  return (alt && href(alt)) ?? (any && href(any)) ?? null;
}

/** Name an entry for an admin: its post URL, else its Atom id, else its position. */
function entryName(raw: unknown, index: number): string {
  const res = atomEntrySchema.safeParse(raw);
  if (res.success) return postUrl(res.data) ?? (res.data.id?.trim() || `#${index}`);
  return `#${index}`;
}

/**
 * Parse the Chrome Releases Atom feed: one release per desktop Stable / Extended Stable post,
 * with the version a Mac gets, the CVEs named and those Google says are exploited in the wild.
 */
export function parseChromeReleases(text: string, feed: string): ParsedFeed {
  const top = atomFeedSchema.safeParse(parseXml(text, feed));
  if (!top.success) {
    throw new PatchbayError('E_FEED_PARSE', `Feed ${feed}: not an Atom <feed> document`, {
      feed,
      field: 'feed',
    });
  }
  const releases: Release[] = [];
  const issues: FeedIssue[] = [];
  top.data.feed.entry.forEach((raw, index) => {
    const record = entryName(raw, index);
    const res = atomEntrySchema.safeParse(raw);
    if (!res.success) {
      issues.push(...issuesFromZod(feed, record, res.error));
      return;
    }
    const entry = res.data;
    const track = trackOfTitle(entry.title);
    if (!track) return; // ChromeOS, Android, iOS, Beta, Dev: not ours, not a problem.
    const body = htmlToText(entry.content ?? entry.summary ?? '');
    const version = macVersionOf(body);
    // A post for other platforms only (a Windows hotfix) still gives their tracks a release.
    const others = OTHER_PLATFORMS.flatMap(([words, platform]) => {
      const v = platformVersionOf(body, words);
      return v ? [{ track: platformTrackId(track, platform), version: v }] : [];
    });
    if (!version && others.length === 0) {
      issues.push({
        source: feed,
        record,
        field: 'content',
        message: `no Mac version found in "${entry.title}" post`,
      });
      return;
    }
    const release = {
      product: CHROME_PRODUCT.id,
      build: null,
      releasedAt: new Date(entry.published).toISOString(),
      cves: cvesOf(body),
      exploitedCves: exploitedCvesOf(body),
      url: postUrl(entry),
    };
    if (version) releases.push({ ...release, track, version });
    // The same fixes reach Windows and Linux in their own builds: each platform's track gets
    // its version with the post's CVEs, so a Windows host lacking an exploited fix is told in
    // the short grace too. A post naming no version for a platform gives it nothing.
    for (const other of others) releases.push({ ...release, ...other });
  });
  return { products: [CHROME_PRODUCT], tracks: CHROME_RELEASES_TRACKS, releases, issues };
}

/** Chrome desktop releases with their CVEs, from the Chrome Releases blog's Atom feed. */
export class ChromeReleasesSource implements FeedSource {
  static readonly id = 'chrome-releases';
  readonly id = ChromeReleasesSource.id;
  readonly defaultUrl = 'https://chromereleases.googleblog.com/feeds/posts/default';
  // Stable updates land weekly; two days without a good read means the feed is broken.
  readonly defaultMaxAgeMs = 2 * 24 * 60 * 60 * 1000;

  async read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const res = await ctx.http.getText(ctx.url);
    return { notModified: res.notModified, ...parseChromeReleases(res.body, ctx.name) };
  }
}
