import type { VersionSchemeId } from './versions/types.js';

/** Platforms a product runs on; `cross` for apps shipped on several. */
export type Platform = 'macos' | 'ios' | 'windows' | 'linux' | 'chromeos' | 'cross';

/** A product we watch, e.g. macOS, Google Chrome, Firefox. */
export interface Product {
  /** Stable id used across the catalog, inventory and policies: `macos`, `chrome`, `firefox`. */
  readonly id: string;
  readonly name: string;
  readonly platform: Platform;
  readonly scheme: VersionSchemeId;
}

/** A line of releases inside a product: a macOS major ("15"), a Chrome channel ("stable"). */
export interface Track {
  readonly product: string;
  readonly id: string;
  readonly name: string;
}

/** One release as a feed reports it. Dates are ISO 8601 strings in UTC. */
export interface Release {
  readonly product: string;
  readonly track: string;
  readonly version: string;
  readonly build: string | null;
  readonly releasedAt: string | null;
  readonly cves: readonly string[];
  readonly exploitedCves: readonly string[];
  /** Advisory or release-notes link, where the feed gives one. */
  readonly url: string | null;
}

/**
 * A hardware model as an Apple OS feed lists it (SOFA `Models`): which OS majors it can run, so
 * a host on an ended major is sent to the newest one its hardware runs, not one it cannot install.
 */
export interface AppleModel {
  readonly product: string;
  /** The model identifier, as Jamf and Fleet report it: "Mac14,10". */
  readonly model: string;
  readonly marketingName: string | null;
  /** Every OS major the model runs. */
  readonly majors: readonly number[];
}

/** A bad record in a feed, reported and skipped; the rest of the feed still syncs. */
export interface FeedIssue {
  readonly source: string;
  /** Which record: an index, a name or a version, enough for an admin to find it. */
  readonly record: string;
  /** The field that was wrong, as a dotted path inside the record. */
  readonly field: string;
  readonly message: string;
}

/**
 * Per-platform tracks. A feed that knows each platform's own releases (Chrome VersionHistory,
 * the Edge products API) keeps its macOS releases on the plain channel track ("stable", as
 * before, so stored catalogs and findings keep their track) and puts another platform's on
 * "<channel>/<platform>" ("stable/windows"). A product with no such track (Firefox, macOS) has
 * the same releases everywhere.
 */
export const PLATFORM_TRACK_SEPARATOR = '/';

/** The platform whose releases the plain (unsuffixed) tracks of a per-platform feed hold. */
export const BASE_TRACK_PLATFORM = 'macos';

/**
 * Products whose feeds give each platform its own releases (the chrome and edge sources): their
 * plain tracks hold macOS releases, so a host of another platform judged on them is told so even
 * when the feed was configured to read macOS alone.
 */
export const PER_PLATFORM_PRODUCTS: ReadonlySet<string> = new Set(['chrome', 'edge']);

/** The track id of `channel` on `platform` (a host platform: macos, windows, linux). */
export function platformTrackId(channel: string, platform: string): string {
  return platform === BASE_TRACK_PLATFORM
    ? channel
    : `${channel}${PLATFORM_TRACK_SEPARATOR}${platform}`;
}

/** The platform a track id is for, or null for a plain track (macOS, or every platform). */
export function platformOfTrack(trackId: string): string | null {
  const at = trackId.lastIndexOf(PLATFORM_TRACK_SEPARATOR);
  return at > 0 ? trackId.slice(at + 1) : null;
}

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
  chromeos: 'ChromeOS',
  ios: 'iOS',
  android: 'Android',
};

/** "Windows" for windows; an unknown id as given. */
export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}
