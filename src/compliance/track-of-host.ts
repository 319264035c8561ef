import {
  BASE_TRACK_PLATFORM,
  PER_PLATFORM_PRODUCTS,
  PLATFORM_TRACK_SEPARATOR,
  platformName,
  platformOfTrack,
} from '../catalog/model.js';
import { maxVersion, versionSchemes } from '../catalog/versions/api.js';
import type { ParsedVersion, VersionSchemeId } from '../catalog/versions/types.js';

/** A track and its latest version: all it takes to place a host's version in a track. */
export interface TrackLatest {
  readonly track: string;
  readonly version: string;
  /** False for a track its feed no longer lists (it keeps its last release); absent: listed. */
  readonly supported?: boolean;
}

/** Channel tracks most hosts follow; a browser does not say which channel it is on. */
const MAIN_CHANNELS = ['stable', 'release'] as const;

/**
 * The track a host running `version` follows, among `tracks`, in the same way for compliance
 * and for time-to-install:
 * - the track the scheme names for the version, when listed (macOS 15.7.8 -> "15");
 * - for Apple OS nothing else: a major the feed does not list is not silently another major's;
 * - otherwise the main channel ("stable", "release"), else the track with the highest latest
 *   version. Chrome 139.0.7258.66 cannot tell stable from extended, and guessing by version
 *   would put a lagging stable host on extended and excuse it; one simple rule is explainable.
 */
export function trackForVersion(
  schemeId: VersionSchemeId,
  version: ParsedVersion,
  tracks: readonly TrackLatest[],
): string | null {
  const own = versionSchemes[schemeId].trackOf(version);
  if (tracks.some((t) => t.track === own)) return own;
  if (schemeId === 'apple-os') return null;
  // A platform's own tracks ("stable/windows") are channels like the plain ones.
  const main = MAIN_CHANNELS.map(
    (channel) =>
      tracks.find((t) => t.track === channel) ?? tracks.find((t) => channelOf(t.track) === channel),
  ).find((t) => t !== undefined)?.track;
  const esr = extendedSupportTrack(schemeId, own, tracks, main);
  if (esr) return esr;
  if (main) return main;
  const top = maxVersion(
    schemeId,
    tracks.map((t) => t.version),
  );
  return tracks.find((t) => t.version === top)?.track ?? tracks[0]?.track ?? null;
}

/** The channel of a track id: "stable" for "stable" and "stable/windows". */
function channelOf(track: string): string {
  return platformOfTrack(track) === null
    ? track
    : track.slice(0, track.lastIndexOf(PLATFORM_TRACK_SEPARATOR));
}

/**
 * An extended-support line (Firefox ESR) is told apart by its major: a host on 128.x while the
 * release channel is on 145 runs ESR 128, and judging it against 145 would be a false alarm.
 * Only `esr*` tracks qualify: their majors lag the release channel by many versions, unlike
 * Chrome's extended channel, which is one major behind and would excuse lagging stable hosts.
 */
function extendedSupportTrack(
  schemeId: VersionSchemeId,
  ownMajor: string,
  tracks: readonly TrackLatest[],
  main: string | undefined,
): string | null {
  const scheme = versionSchemes[schemeId];
  const majorOf = (v: string): string | null => {
    const parsed = scheme.parse(v);
    return parsed.ok ? scheme.trackOf(parsed.value) : null;
  };
  const mainLatest = tracks.find((t) => t.track === main);
  if (mainLatest && majorOf(mainLatest.version) === ownMajor) return null;
  return (
    tracks.find((t) => channelOf(t.track).startsWith('esr') && majorOf(t.version) === ownMajor)
      ?.track ?? null
  );
}

/** The tracks a host is judged against on its platform, and why when they are another's. */
export interface PlatformScope<T> {
  readonly tracks: readonly T[];
  /**
   * Which platform's tracks these are ("" when the product has no per-platform track): hosts
   * with one key share verdicts.
   */
  readonly key: string;
  /** Set when the host falls back to the macOS tracks: words for the finding's reason. */
  readonly note: string | null;
}

/**
 * The tracks of a product that a host on `platform` (inventory's word: macos, windows, linux)
 * follows, for compliance and time-to-install alike:
 * - a product without per-platform tracks that is not per-platform by nature (Firefox, macOS;
 *   see PER_PLATFORM_PRODUCTS): all of them, as before;
 * - a macOS host: the plain tracks ("stable"), which per-platform feeds fill with macOS releases;
 * - another host: its own platform's ("stable/windows"); when the feeds list none for it, or
 *   none of the main channel the plain ones have (only "beta/windows"), the plain ones, with a
 *   note saying so. Judging it against nothing would hide a host that is
 *   behind; judging it against the Mac releases says what is known, and the note says how.
 */
export function tracksForPlatform<
  T extends { readonly track: string; readonly supported?: boolean },
>(
  tracks: readonly T[],
  platform: string | null | undefined,
  product: { readonly id: string; readonly name: string },
): PlatformScope<T> {
  const productName = product.name;
  if (!PER_PLATFORM_PRODUCTS.has(product.id) && !tracks.some((t) => platformOfTrack(t.track))) {
    return { tracks, key: '', note: null };
  }
  const host = (platform ?? '').trim().toLowerCase();
  const plain = tracks.filter((t) => platformOfTrack(t.track) === null);
  if (host === BASE_TRACK_PLATFORM) return { tracks: plain, key: BASE_TRACK_PLATFORM, note: null };
  // A platform track no feed lists any more (its platform taken out of config) keeps its last
  // release: following it would judge the host against a target frozen on that day.
  const own =
    host === ''
      ? []
      : tracks.filter((t) => platformOfTrack(t.track) === host && t.supported !== false);
  // Own tracks without the main channel the plain ones have (an answer listing Beta and Dev for
  // Windows but no Stable) are a gap in the data: placed among them, a host on Stable would
  // follow the newest preview and be called behind it.
  const mainOf = (ts: readonly T[]) =>
    MAIN_CHANNELS.find((c) => ts.some((t) => channelOf(t.track) === c));
  const main = mainOf(plain.filter((t) => t.supported !== false));
  if (own.length > 0 && (main === undefined || mainOf(own) !== undefined)) {
    return { tracks: own, key: host, note: null };
  }
  const which =
    host === '' || host === 'unknown'
      ? `the computer's platform is not known`
      : `the feeds list no ${platformName(host)} ${productName}${own.length > 0 ? ` ${main ?? ''}` : ''} release`;
  return {
    tracks: plain,
    // Not macOS's key: the note makes these verdicts differ from a Mac's.
    key: `fallback:${host || 'unknown'}`,
    note: `judged against the macOS releases: ${which}`,
  };
}
