import type { StoredRelease } from '../catalog/catalog.js';
import { versionSchemes } from '../catalog/versions/api.js';
import type { ParsedVersion, VersionSchemeId } from '../catalog/versions/types.js';
import type { TtiStats } from './model.js';
import { releaseDate } from './product-view.js';
import { trackForVersion, type TrackLatest } from './track-of-host.js';
import { ttiFigures } from './tti-stats.js';

const DAY_MS = 86_400_000;

/** One inventory observation: from `firstObservedAt` on, the host ran `version`. */
export interface TtiHistoryEntry {
  readonly hostId: string;
  readonly product: string;
  readonly version: string;
  readonly firstObservedAt: string;
}

export interface TtiInput {
  /** The releases of one product. */
  readonly releases: readonly StoredRelease[];
  readonly scheme: VersionSchemeId;
  readonly history: readonly TtiHistoryEntry[];
  readonly now: Date;
}

interface Seen {
  readonly at: number;
  /** Null when the version does not parse: such an entry neither needs nor installs anything. */
  readonly parsed: ParsedVersion | null;
  readonly track: string | null;
}

/**
 * Time-to-install per release R, dated by its release date (else first seen):
 * - a host needed R when the version it ran at R's date (its last entry at or before it), or
 *   its first entry after that date (a host enrolled later), was in R's track and below R;
 * - it installed R at its first entry at or after R's date with a version >= R (a jump to a
 *   newer major counts), and took (install - release) / 1 day, fractional.
 * The track of a version is placed as compliance places hosts (trackForVersion). Releases
 * dated after `now` and observations after `now` are left out, so a past date gives the
 * figures as they were then.
 */
export function computeTti(input: TtiInput): TtiStats[] {
  const scheme = versionSchemes[input.scheme];
  const now = input.now.getTime();
  const releases = input.releases.flatMap((r) => {
    const parsed = scheme.parse(r.version);
    const at = Date.parse(releaseDate(r));
    return parsed.ok && at <= now ? [{ r, parsed: parsed.value, at }] : [];
  });
  const product = input.releases[0]?.product;
  const tracks = latestPerTrack(input.scheme, input.releases);
  const hosts = timelines(input, product, now, (p) => trackForVersion(input.scheme, p, tracks));

  releases.sort((a, b) => a.at - b.at || scheme.compare(a.parsed, b.parsed));
  return releases.map(({ r, parsed, at }) => {
    const below = (s: Seen | undefined): boolean =>
      s?.parsed != null && s.track === r.track && scheme.compare(s.parsed, parsed) < 0;
    let hostsNeeding = 0;
    const days: number[] = [];
    for (const seen of hosts) {
      const after = seen.findIndex((s) => s.at > at);
      const firstAfter = after === -1 ? undefined : seen[after];
      const atRelease = seen[(after === -1 ? seen.length : after) - 1];
      if (!below(atRelease) && !below(firstAfter)) continue;
      hostsNeeding++;
      const install = seen.find(
        (s) => s.at >= at && s.parsed !== null && scheme.compare(s.parsed, parsed) >= 0,
      );
      if (install) days.push((install.at - at) / DAY_MS);
    }
    return {
      product: r.product,
      track: r.track,
      version: r.version,
      releasedAt: releaseDate(r),
      hostsNeeding,
      hostsInstalled: days.length,
      ...ttiFigures(days, hostsNeeding),
    };
  });
}

/** Each host's observations of the product, oldest first, up to `now`. */
function timelines(
  input: TtiInput,
  product: string | undefined,
  now: number,
  trackOf: (v: ParsedVersion) => string | null,
): Seen[][] {
  const scheme = versionSchemes[input.scheme];
  const byHost = new Map<string, Seen[]>();
  for (const h of input.history) {
    const at = Date.parse(h.firstObservedAt);
    if (h.product !== product || !(at <= now)) continue;
    const p = scheme.parse(h.version);
    const parsed = p.ok ? p.value : null;
    const list = byHost.get(h.hostId) ?? [];
    list.push({ at, parsed, track: parsed && trackOf(parsed) });
    byHost.set(h.hostId, list);
  }
  return [...byHost.values()].map((list) => list.sort((a, b) => a.at - b.at));
}

function latestPerTrack(
  schemeId: VersionSchemeId,
  releases: readonly StoredRelease[],
): TrackLatest[] {
  const scheme = versionSchemes[schemeId];
  const best = new Map<string, { version: string; parsed: ParsedVersion }>();
  for (const r of releases) {
    const p = scheme.parse(r.version);
    if (!p.ok) continue;
    const seen = best.get(r.track);
    if (!seen || scheme.compare(p.value, seen.parsed) > 0) {
      best.set(r.track, { version: r.version, parsed: p.value });
    }
  }
  return [...best].map(([track, { version }]) => ({ track, version }));
}
