import { PatchbayError } from '../../../platform/errors/errors.js';
import { platformName, platformTrackId } from '../../model.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { compareNumberLists } from '../../versions/ordering.js';
import { parseEach } from '../issues.js';
import type { ParsedFeed } from '../types.js';
import { chromeReleaseSchema, chromeReleasesPageSchema } from './schema.js';
import type { ChromeRelease } from './schema.js';

/** The product the VersionHistory API describes. */
export const CHROME_PRODUCT: Product = {
  id: 'chrome',
  name: 'Google Chrome',
  platform: 'cross',
  scheme: 'chrome',
};

/** One answered request: a page of a channel's serving releases, as parsed JSON. */
export interface ChromePage {
  readonly channel: string;
  /** The VersionHistory platform asked ("mac", "win64"); absent: mac. */
  readonly platform?: string;
  readonly json: unknown;
}

/** VersionHistory platforms by the host platform (inventory's word) whose Chrome they describe. */
const FAMILIES: Readonly<Record<string, string>> = {
  mac: 'macos',
  mac_arm64: 'macos',
  win: 'windows',
  win64: 'windows',
  win_arm64: 'windows',
  linux: 'linux',
  chromeos: 'chromeos',
  lacros: 'chromeos',
  ios: 'ios',
  android: 'android',
  webview: 'android',
};

/**
 * The host platform a VersionHistory platform's releases are for: win64 -> windows. One we do
 * not know keeps its own name, so its track never judges a host by mistake.
 */
export function platformFamily(platform: string): string {
  return FAMILIES[platform] ?? platform;
}

/** The track of `channel` read on VersionHistory `platform`: "stable", "stable/windows". */
export function chromeTrackId(channel: string, platform = 'mac'): string {
  return platformTrackId(channel, platformFamily(platform));
}

const fullyServed = (r: ChromeRelease): boolean => r.fraction >= 1;
const parts = (v: string): number[] => v.split('.').map(Number);

/**
 * Order serving releases by how current they are for the fleet. A version rolled out to a
 * sliver of users (fraction 0.005) is not one we can ask everyone to install, so a fully
 * served release ranks first; among partial ones the widest rollout wins; then the newer
 * version, then the earlier start.
 */
function rank(a: ChromeRelease, b: ChromeRelease): number {
  if (fullyServed(a) !== fullyServed(b)) return fullyServed(a) ? -1 : 1;
  if (!fullyServed(a) && a.fraction !== b.fraction) return b.fraction - a.fraction;
  const byVersion = compareNumberLists(parts(b.version), parts(a.version));
  if (byVersion !== 0) return byVersion;
  return a.serving.startTime < b.serving.startTime ? -1 : 1;
}

function toRelease(track: string, r: ChromeRelease): Release {
  return {
    product: CHROME_PRODUCT.id,
    track,
    version: r.version,
    build: null,
    releasedAt: r.serving.startTime,
    // The API carries no security data; chrome-releases (the blog feed) has the CVEs.
    cves: [],
    exploitedCves: [],
    url: null,
  };
}

/**
 * Parse VersionHistory pages into a track per channel and platform (in the order first seen)
 * holding its current release: mac pages give "stable", win64 pages "stable/windows" (see
 * platformTrackId). Pure: tests call it with captured API answers.
 */
export function parseChrome(pages: readonly ChromePage[], feed: string): ParsedFeed {
  const serving = new Map<string, { name: string; list: ChromeRelease[] }>();
  const issues: FeedIssue[] = [];
  for (const page of pages) {
    const where = page.platform ? `${page.channel} (${page.platform})` : page.channel;
    const doc = chromeReleasesPageSchema.safeParse(page.json);
    if (!doc.success) {
      throw new PatchbayError(
        'E_FEED_PARSE',
        `Feed ${feed}: the ${where} answer is not a VersionHistory releases list`,
        { feed, channel: page.channel, field: 'releases' },
      );
    }
    // A release's own `name` (".../channels/stable/versions/153.0.8010.53/releases/1789671018")
    // tells an admin exactly which record was bad.
    const recordName = (item: unknown, i: number): string => {
      const name = item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined;
      return typeof name === 'string' && name.trim() !== ''
        ? name.trim()
        : `${where}: releases[${i}]`;
    };
    const { ok, issues: bad } = parseEach(feed, doc.data.releases, chromeReleaseSchema, recordName);
    issues.push(...bad);
    const id = chromeTrackId(page.channel, page.platform);
    const track = serving.get(id) ?? { name: trackName(page.channel, page.platform), list: [] };
    track.list.push(...ok.filter((r) => r.serving.endTime === undefined));
    serving.set(id, track);
  }
  const tracks: Track[] = [];
  const releases: Release[] = [];
  for (const [id, { name, list }] of serving) {
    tracks.push({ product: CHROME_PRODUCT.id, id, name });
    const best = [...list].sort(rank)[0];
    if (best) releases.push(toRelease(id, best));
  }
  return { products: [CHROME_PRODUCT], tracks, releases, issues };
}

/** "Stable" on mac (as before per-platform tracks), "Stable (Windows)" elsewhere. */
function trackName(channel: string, platform = 'mac'): string {
  const name = channel.charAt(0).toUpperCase() + channel.slice(1);
  const family = platformFamily(platform);
  return family === 'macos' ? name : `${name} (${platformName(family)})`;
}
