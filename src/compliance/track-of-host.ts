import { maxVersion, versionSchemes } from '../catalog/versions/api.js';
import type { ParsedVersion, VersionSchemeId } from '../catalog/versions/types.js';

/** A track and its latest version: all it takes to place a host's version in a track. */
export interface TrackLatest {
  readonly track: string;
  readonly version: string;
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
  const main = MAIN_CHANNELS.find((channel) => tracks.some((t) => t.track === channel));
  const esr = extendedSupportTrack(schemeId, own, tracks, main);
  if (esr) return esr;
  if (main) return main;
  const top = maxVersion(
    schemeId,
    tracks.map((t) => t.version),
  );
  return tracks.find((t) => t.version === top)?.track ?? tracks[0]?.track ?? null;
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
    tracks.find((t) => t.track.startsWith('esr') && majorOf(t.version) === ownMajor)?.track ?? null
  );
}
