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
