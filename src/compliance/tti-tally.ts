import type { StoredRelease } from '../catalog/catalog.js';
import { versionSchemes } from '../catalog/versions/api.js';
import type { ParsedVersion, VersionScheme, VersionSchemeId } from '../catalog/versions/types.js';
import type { TtiStats } from './model.js';
import { releaseDate } from './product-view.js';
import { trackForVersion, tracksForPlatform, type TrackLatest } from './track-of-host.js';
import { kaplanMeierFigures } from './tti-stats.js';

const DAY_MS = 86_400_000;

/** One observation of one host, as the tally reads it: from `firstObservedAt` on it ran `version`. */
export interface TtiObservation {
  readonly version: string;
  readonly firstObservedAt: string;
}

/** The releases of one product, and the moment the figures are taken at. */
export interface TtiTallyInput {
  readonly releases: readonly StoredRelease[];
  readonly scheme: VersionSchemeId;
  readonly now: Date;
  /**
   * Tracks of the product its feeds no longer list (the catalog's unsupported tracks): hosts
   * are placed among the rest first, as compliance places them (tracksForPlatform).
   */
  readonly unsupportedTracks?: readonly string[];
}

interface DatedRelease {
  readonly release: StoredRelease;
  readonly parsed: ParsedVersion;
  readonly at: number;
  /** Index of the release's class among the distinct release versions, lowest first. */
  readonly level: number;
}

/** What a version string means for time-to-install, worked out once per distinct string. */
interface VersionFacts {
  /**
   * How many distinct release versions are at or below this one: the version is below release
   * R when this is <= R's level, and installs R when it is greater. -1 when it does not parse.
   */
  readonly above: number;
  readonly track: string | null;
}

interface Seen {
  readonly at: number;
  readonly facts: VersionFacts;
}

/**
 * Time-to-install of one product's releases, fed one host at a time, so the history can be read
 * in pages and never held whole. Same rules as computeTti (tti.ts documents them); the speed
 * comes from doing each costly step once:
 * - a version string is parsed and placed in a track once per tally, not once per observation;
 * - version order is reduced to integers ("how many release versions lie at or below it"), so
 *   the per-host walk compares numbers;
 * - each host is walked once per track it was seen on, with pointers that only move forward
 *   over the releases of that track in date order, instead of once per release.
 */
export class TtiTally {
  private readonly scheme: VersionScheme;
  private readonly now: number;
  /** Releases out by `now`, in report order (date, then version). */
  private readonly dated: readonly DatedRelease[];
  /** Report-order indexes of the dated releases of each track, oldest first. */
  private readonly byTrack = new Map<string, number[]>();
  private readonly levels: readonly ParsedVersion[];
  private readonly schemeId: VersionSchemeId;
  /** The product's id, for tracksForPlatform (the name only words its notes). */
  private readonly product: { readonly id: string; readonly name: string };
  /** The latest version of every track: where trackForVersion places a version. */
  private readonly latest: readonly TrackLatest[];
  /** Per host platform: which platform's tracks it follows (tracksForPlatform's key). */
  private readonly scopeKeys = new Map<string, string>();
  /** Per scope key: the tracks placed among and each version's facts, worked out once. */
  private readonly scopes = new Map<
    string,
    { tracks: readonly TrackLatest[]; facts: Map<string, VersionFacts> }
  >();
  private readonly needing: number[];
  /** Per release: days each installing host took. */
  private readonly days: number[][];
  /** Per release: days each host that did not install was watched (to `now` or its leaving). */
  private readonly censored: number[][];
  private readonly waiting: number[];
  private readonly left: number[];

  constructor(input: TtiTallyInput) {
    this.scheme = versionSchemes[input.scheme];
    this.now = input.now.getTime();
    this.schemeId = input.scheme;
    this.product = { id: input.releases[0]?.product ?? '', name: '' };
    const dated = input.releases.flatMap((release) => {
      const parsed = this.scheme.parse(release.version);
      const at = Date.parse(releaseDate(release));
      return parsed.ok && at <= this.now ? [{ release, parsed: parsed.value, at }] : [];
    });
    dated.sort((a, b) => a.at - b.at || this.scheme.compare(a.parsed, b.parsed));
    this.levels = distinctSorted(
      this.scheme,
      dated.map((d) => d.parsed),
    );
    this.dated = dated.map((d) => ({ ...d, level: this.countAtOrBelow(d.parsed) - 1 }));
    this.dated.forEach((d, i) => {
      const list = this.byTrack.get(d.release.track);
      if (list) list.push(i);
      else this.byTrack.set(d.release.track, [i]);
    });
    const ended = new Set(input.unsupportedTracks ?? []);
    this.latest = latestReleasePerTrack(this.scheme, input.releases).map((t) =>
      ended.has(t.track) ? { ...t, supported: false } : t,
    );
    this.needing = this.dated.map(() => 0);
    this.days = this.dated.map(() => []);
    this.censored = this.dated.map(() => []);
    this.waiting = this.dated.map(() => 0);
    this.left = this.dated.map(() => 0);
  }

  /** How many releases the report will list: those out by `now`. */
  get size(): number {
    return this.dated.length;
  }

  /**
   * Count one host, given all its observations of this product in any order (ties in time keep
   * the given order, as a stable sort would). Observations after `now` are left out.
   * `leftAt`: when the host left the fleet (went inactive), if it did; a leaving after `now`
   * has not happened yet as of `now`. `platform`: the host's (macos, windows, ...), which picks
   * the tracks it is placed among as compliance does (tracksForPlatform); absent, the macOS ones.
   */
  addHost(
    observations: readonly TtiObservation[],
    leftAt?: string | null,
    platform?: string | null,
  ): void {
    const facts = this.factsFor(platform ?? null);
    const seen: Seen[] = [];
    for (const o of observations) {
      const at = Date.parse(o.firstObservedAt);
      if (at <= this.now) seen.push({ at, facts: facts(o.version) });
    }
    if (seen.length === 0) return;
    seen.sort((a, b) => a.at - b.at);
    const onTracks = new Set<string>();
    for (const s of seen) if (s.facts.track !== null) onTracks.add(s.facts.track);
    const left = leftAt ? Date.parse(leftAt) : Number.NaN;
    const departed = left <= this.now ? left : null;
    for (const track of onTracks) this.walk(seen, track, departed);
  }

  /** The figures of the i-th release in report order; the caller may yield between them. */
  statsAt(i: number): TtiStats {
    const d = this.dated[i];
    if (!d) throw new RangeError(`no release at ${i}`);
    const { release: r } = d;
    const days = this.days[i] ?? [];
    const ageDays = (this.now - d.at) / DAY_MS;
    return {
      product: r.product,
      track: r.track,
      version: r.version,
      releasedAt: releaseDate(r),
      ageDays,
      hostsNeeding: this.needing[i] ?? 0,
      hostsInstalled: days.length,
      hostsWaiting: this.waiting[i] ?? 0,
      hostsLeft: this.left[i] ?? 0,
      ...kaplanMeierFigures(days, this.censored[i] ?? [], ageDays),
    };
  }

  /**
   * The i-th release's raw outcomes: days each installing host took, days each other host was
   * watched. The control-group comparison (tti-compare-report.ts) tests on these, not on figures.
   */
  samplesAt(i: number): { installedDays: readonly number[]; censoredDays: readonly number[] } {
    return { installedDays: this.days[i] ?? [], censoredDays: this.censored[i] ?? [] };
  }

  /** Every release's figures, in report order. */
  stats(): TtiStats[] {
    return this.dated.map((_, i) => this.statsAt(i));
  }

  /**
   * One host's timeline against the releases of one track it was seen on. A host that left
   * (`departed`, ms) at or before a release was not there to need it; one that left later
   * without installing is censored when it left, one still here at `now`.
   */
  private walk(seen: readonly Seen[], track: string, departed: number | null): void {
    const releases = this.byTrack.get(track);
    if (!releases) return;
    const n = seen.length;
    // `after`: first observation later than the release; `from`: first one at or after it.
    let after = 0;
    let from = 0;
    for (const i of releases) {
      const r = this.dated[i] as DatedRelease;
      while (after < n && (seen[after] as Seen).at <= r.at) after++;
      while (from < n && (seen[from] as Seen).at < r.at) from++;
      if (!isBelow(seen[after - 1], track, r.level) && !isBelow(seen[after], track, r.level)) {
        continue;
      }
      if (departed !== null && departed <= r.at) continue;
      this.needing[i] = (this.needing[i] ?? 0) + 1;
      let installed = false;
      for (let j = from; j < n; j++) {
        const s = seen[j] as Seen;
        if (s.facts.above > r.level) {
          this.days[i]?.push((s.at - r.at) / DAY_MS);
          installed = true;
          break;
        }
      }
      if (installed) continue;
      if (departed !== null) {
        this.left[i] = (this.left[i] ?? 0) + 1;
        this.censored[i]?.push((departed - r.at) / DAY_MS);
      } else {
        this.waiting[i] = (this.waiting[i] ?? 0) + 1;
        this.censored[i]?.push((this.now - r.at) / DAY_MS);
      }
    }
  }

  /** The facts of a version for hosts on `platform`: placed among that platform's tracks. */
  private factsFor(platform: string | null): (version: string) => VersionFacts {
    const name = platform ?? '';
    let key = this.scopeKeys.get(name);
    let scope = key === undefined ? undefined : this.scopes.get(key);
    if (key === undefined || scope === undefined) {
      const found = tracksForPlatform(this.latest, platform, this.product);
      key = found.key;
      scope = this.scopes.get(key) ?? { tracks: found.tracks, facts: new Map() };
      this.scopeKeys.set(name, key);
      this.scopes.set(key, scope);
    }
    const { tracks, facts } = scope;
    return (version) => {
      let f = facts.get(version);
      if (!f) {
        const p = this.scheme.parse(version);
        f = p.ok
          ? {
              above: this.countAtOrBelow(p.value),
              track: trackForVersion(this.schemeId, p.value, tracks),
            }
          : { above: -1, track: null };
        facts.set(version, f);
      }
      return f;
    };
  }

  /** Binary search: how many distinct release versions compare at or below `v`. */
  private countAtOrBelow(v: ParsedVersion): number {
    let lo = 0;
    let hi = this.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.scheme.compare(this.levels[mid] as ParsedVersion, v) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Whether an observation ran a version of `track` below the release at `level`. */
function isBelow(s: Seen | undefined, track: string, level: number): boolean {
  return s !== undefined && s.facts.track === track && s.facts.above <= level;
}

/** The versions in ascending order, one per class of versions the scheme calls equal. */
function distinctSorted(scheme: VersionScheme, versions: ParsedVersion[]): ParsedVersion[] {
  const sorted = [...versions].sort((a, b) => scheme.compare(a, b));
  return sorted.filter((v, i) => i === 0 || scheme.compare(sorted[i - 1] as ParsedVersion, v) < 0);
}

/** The latest version of every track among all the product's releases (future ones too). */
function latestReleasePerTrack(
  scheme: VersionScheme,
  releases: readonly StoredRelease[],
): TrackLatest[] {
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
 * Tracks the feed no longer serves (a platform taken out of the config): compliance ignores
 * them when placing a host, so time-to-install must too, or the two disagree on a host's track.
 */
export function unsupportedTracksOf(
  catalog: { readonly tracks: readonly { product: string; id: string; supported: boolean }[] },
  product: string,
): string[] {
  return catalog.tracks.filter((t) => t.product === product && !t.supported).map((t) => t.id);
}
