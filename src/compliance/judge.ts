import type { HostHardware } from './hardware.js';
import { lackFor } from './lack.js';
import type { Finding, Policy } from './model.js';
import { placeHost } from './place-host.js';
import type { ProductView } from './product-view.js';
import { targetFor } from './target.js';
import { tracksForPlatform } from './track-of-host.js';
import { upgradeFor } from './upgrade.js';
import { findingAt, type Verdict } from './verdict.js';

type Partial = Pick<Verdict, 'status' | 'reason'> & Omit<Verdict, 'status' | 'reason' | 'track'>;

const NONE = {
  required: null,
  requiredReleasedAt: null,
  dueAt: null,
  exploitedCves: [],
  cveCount: 0,
} as const;

/**
 * One product x installed version verdict (see evaluate for the rules). It depends on the host
 * only through the version, its hardware (which majors it can run) and its platform (whose
 * tracks it follows, see tracksForPlatform), and not on the clock beyond the view's staleness,
 * so evaluation can share one verdict between every host that runs the same version on the same
 * model and platform.
 */
export function judgeVersion(
  full: ProductView,
  policy: Policy,
  installed: string,
  hardware: HostHardware | null = null,
  platform: string | null = null,
): Verdict {
  const { product, scheme } = full;
  const scope = tracksForPlatform(full.entries, platform, product);
  const view = scope.key === '' ? full : onTracks(full, scope.tracks);
  const make = (track: string | null, v: Partial): Verdict => ({
    // A single-track product (a Homebrew cask) has nothing to tell apart.
    track: full.entries.length > 1 ? track : null,
    ...v,
    reason: withNote(v.reason, scope.note),
  });
  const unknown = (track: string | null, reason: string): Verdict =>
    make(track, { ...NONE, status: 'unknown', reason });

  if (view.entries.length === 0) return unknown(null, `no ${product.name} release is known yet`);
  const parsed = scheme.parse(installed);
  if (!parsed.ok) {
    return unknown(
      null,
      `installed ${product.name} version "${installed}" cannot be read: ${parsed.error}`,
    );
  }
  const place = placeHost(view, parsed.value);
  if (place.kind === 'unknown') return unknown(null, place.reason);
  if (place.kind === 'unsupported') {
    // Which majors are supported is the feed's word: a stale feed cannot declare an end of life.
    const stale = view.entries.flatMap((e) => (e.stale && e.staleReason ? [e.staleReason] : []));
    if (stale.length > 0) return unknown(place.major, [...new Set(stale)].join('; '));
    const way = upgradeFor(view, place.major, place.oldest, hardware);
    return make(place.major, {
      ...NONE,
      status: 'unsupported',
      // No version to reach: see needsNewHardware.
      required: way.kind === 'upgrade' ? way.to.version : null,
      reason: way.reason,
    });
  }

  const { entry } = place;
  if (entry.stale) return unknown(entry.track, entry.staleReason ?? `${entry.trackName} is stale`);
  const target = targetFor(view, policy, entry);
  if (!target.ok) return unknown(entry.track, target.reason);
  const required = target.required.raw;
  if (scheme.compare(parsed.value, target.required) >= 0) {
    return make(entry.track, {
      ...NONE,
      status: 'current',
      required,
      reason: `${product.name} ${installed} meets ${target.label} (${required})`,
    });
  }
  const lack = lackFor(view, parsed.value, target, policy);
  if (!lack) {
    return unknown(
      entry.track,
      `no known ${product.name} release reaches ${target.label} (${required})`,
    );
  }
  return make(entry.track, {
    status: 'behind',
    required,
    requiredReleasedAt: lack.startedAt,
    dueAt: lack.deadline.toISOString(),
    exploitedCves: lack.exploitedCves,
    cveCount: lack.cveCount,
    reason: null,
  });
}

/** The view restricted to some of its tracks: their entries and only their releases. */
function onTracks(view: ProductView, entries: ProductView['entries']): ProductView {
  const ids = new Set(entries.map((e) => e.track));
  return { ...view, entries, releases: view.releases.filter((r) => ids.has(r.release.track)) };
}

function withNote(reason: string | null, note: string | null): string | null {
  if (note === null) return reason;
  return reason === null ? note : `${reason}; ${note}`;
}

/** One host x product finding as of `now`. */
export function judge(
  view: ProductView,
  policy: Policy,
  hostId: string,
  installed: string,
  now: Date,
  hardware: HostHardware | null = null,
  platform: string | null = null,
): Finding {
  const verdict = judgeVersion(view, policy, installed, hardware, platform);
  return findingAt(
    { hostId, product: view.product.id, productName: view.product.name, installed },
    verdict,
    now,
  );
}
