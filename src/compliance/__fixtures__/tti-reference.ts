/**
 * The first time-to-install algorithm, kept only as the reference the fast one is tested and
 * benchmarked against (tti-equivalence.spec.ts, bench/tti.ts); never part of the build.
 */
import type { StoredRelease } from '../../catalog/catalog.js';
import type { Db } from '../../platform/db/db.js';
import { versionSchemes } from '../../catalog/versions/api.js';
import type { ParsedVersion, VersionSchemeId } from '../../catalog/versions/types.js';
import type { TtiStats } from '../model.js';
import { releaseDate } from '../product-view.js';
import { trackForVersion, type TrackLatest } from '../track-of-host.js';
import { kaplanMeierFigures, type TtiFigures } from '../tti-stats.js';
import type { TtiInput } from '../tti.js';

/**
 * The first computeTti, kept as the reference the fast one must agree with: for every release
 * it scans every host's timeline (findIndex/find per host per release).
 */
export function referenceTti(input: TtiInput): TtiStats[] {
  const DAY_MS = 86_400_000;
  interface Seen {
    readonly at: number;
    readonly parsed: ParsedVersion | null;
    readonly track: string | null;
  }
  const scheme = versionSchemes[input.scheme];
  const now = input.now.getTime();
  const releases = input.releases.flatMap((r) => {
    const parsed = scheme.parse(r.version);
    const at = Date.parse(releaseDate(r));
    return parsed.ok && at <= now ? [{ r, parsed: parsed.value, at }] : [];
  });
  const product = input.releases[0]?.product;
  const tracks = latestReleasePerTrack(input.scheme, input.releases);
  const byHost = new Map<string, Seen[]>();
  for (const h of input.history) {
    const at = Date.parse(h.firstObservedAt);
    if (h.product !== product || !(at <= now)) continue;
    const p = scheme.parse(h.version);
    const parsed = p.ok ? p.value : null;
    const list = byHost.get(h.hostId) ?? [];
    list.push({ at, parsed, track: parsed && trackForVersion(input.scheme, parsed, tracks) });
    byHost.set(h.hostId, list);
  }
  const hosts = [...byHost].map(([id, list]) => [id, list.sort((a, b) => a.at - b.at)] as const);
  const departedAt = (hostId: string): number | null => {
    const left = input.leftAt?.get(hostId);
    const at = left ? Date.parse(left) : Number.NaN;
    return at <= now ? at : null;
  };
  releases.sort((a, b) => a.at - b.at || scheme.compare(a.parsed, b.parsed));
  return releases.map(({ r, parsed, at }) => {
    const below = (s: Seen | undefined): boolean =>
      s?.parsed != null && s.track === r.track && scheme.compare(s.parsed, parsed) < 0;
    const samples: TtiSample[] = [];
    let hostsWaiting = 0;
    let hostsLeft = 0;
    for (const [hostId, seen] of hosts) {
      const after = seen.findIndex((s) => s.at > at);
      const firstAfter = after === -1 ? undefined : seen[after];
      const atRelease = seen[(after === -1 ? seen.length : after) - 1];
      if (!below(atRelease) && !below(firstAfter)) continue;
      const left = departedAt(hostId);
      if (left !== null && left <= at) continue;
      const install = seen.find(
        (s) => s.at >= at && s.parsed !== null && scheme.compare(s.parsed, parsed) >= 0,
      );
      if (install) samples.push({ days: (install.at - at) / DAY_MS, installed: true });
      else if (left !== null) {
        hostsLeft++;
        samples.push({ days: (left - at) / DAY_MS, installed: false });
      } else {
        hostsWaiting++;
        samples.push({ days: (now - at) / DAY_MS, installed: false });
      }
    }
    const ageDays = (now - at) / DAY_MS;
    return {
      product: r.product,
      track: r.track,
      version: r.version,
      releasedAt: releaseDate(r),
      ageDays,
      hostsNeeding: samples.length,
      hostsInstalled: samples.filter((s) => s.installed).length,
      hostsWaiting,
      hostsLeft,
      // The estimator itself is checked against hand-computed figures (tti-stats.spec.ts).
      ...ttiFigures(samples, ageDays),
    };
  });
}

function latestReleasePerTrack(
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

/**
 * One host's outcome for one release: it installed after `days`, or it was still waiting when
 * last watched (censored: at `now`, or when the host left the fleet) after `days`.
 */
export interface TtiSample {
  readonly days: number;
  readonly installed: boolean;
}

/** kaplanMeierFigures over one sample per host, as the reference (and its spec) keeps them. */
export function ttiFigures(samples: readonly TtiSample[], ageDays: number): TtiFigures {
  return kaplanMeierFigures(
    samples.filter((s) => s.installed).map((s) => s.days),
    samples.filter((s) => !s.installed).map((s) => s.days),
    ageDays,
  );
}

const CHUNK = 1_000;

/**
 * When each inactive host left the fleet: its last check-in (else the time it was marked
 * inactive), the last moment it could have installed anything. Hosts are never deleted, so a
 * host without a row has not left; all inactive hosts when `hostIds` is not given.
 */
export async function loadDepartures(
  db: Db,
  hostIds?: readonly string[],
): Promise<Map<string, string>> {
  const read = (ids: readonly string[] | null) =>
    db.kysely
      .selectFrom('hosts')
      .select(['id', 'last_seen_at', 'updated_at'])
      .where('active', '=', 0)
      .$if(ids !== null, (q) => q.where('id', 'in', ids as string[]))
      .execute();
  const rows = [];
  if (!hostIds) rows.push(...(await read(null)));
  else {
    for (let i = 0; i < hostIds.length; i += CHUNK) {
      rows.push(...(await read(hostIds.slice(i, i + CHUNK))));
    }
  }
  return new Map(rows.map((r) => [r.id, r.last_seen_at ?? r.updated_at]));
}
