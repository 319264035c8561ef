import type { ParsedVersion } from '../catalog/versions/types.js';
import type { Policy } from './model.js';
import type { DatedRelease, ProductView } from './product-view.js';
import type { Target } from './target.js';

const DAY_MS = 86_400_000;

/** What a host below its required version is missing, and when that becomes overdue. */
export interface Lack {
  readonly deadline: Date;
  /** Date of the release whose grace period ends first. */
  readonly startedAt: string;
  readonly exploitedCves: readonly string[];
  readonly cveCount: number;
}

type OkTarget = Extract<Target, { ok: true }>;

/**
 * The releases a host lacks are those in (installed, required] of the target's tracks. The
 * deadline is the earliest release date + grace, the grace being the short one for a release
 * that fixes an actively exploited CVE: a host two releases behind is late for the older one.
 * Null when no release can start the clock (a minimum no known release reaches).
 */
export function lackFor(
  view: ProductView,
  installed: ParsedVersion,
  target: OkTarget,
  policy: Policy,
): Lack | null {
  const cmp = view.scheme.compare.bind(view.scheme);
  const lacked = view.releases.filter(
    (r) =>
      (target.tracks === null || target.tracks.has(r.release.track)) &&
      cmp(r.parsed, installed) > 0 &&
      cmp(r.parsed, target.required) <= 0,
  );
  const exploited = new Set(lacked.flatMap((r) => r.release.exploitedCves));
  const cves = new Set(lacked.flatMap((r) => r.release.cves));

  let clocks: { date: string; graceDays: number }[];
  if (target.clock === 'each') {
    clocks = lacked.map((r) => ({
      date: r.date,
      graceDays: r.release.exploitedCves.length > 0 ? policy.exploitedGraceDays : policy.graceDays,
    }));
  } else {
    const first = firstSatisfying(view, target.required);
    const fixesExploited = exploited.size > 0 || (first?.release.exploitedCves.length ?? 0) > 0;
    clocks = first
      ? [
          {
            date: first.date,
            graceDays: fixesExploited ? policy.exploitedGraceDays : policy.graceDays,
          },
        ]
      : [];
  }

  let best: { deadline: number; date: string } | null = null;
  for (const c of clocks) {
    const deadline = Date.parse(c.date) + c.graceDays * DAY_MS;
    if (Number.isNaN(deadline)) continue;
    if (best === null || deadline < best.deadline) best = { deadline, date: c.date };
  }
  if (best === null) return null;
  return {
    deadline: new Date(best.deadline),
    startedAt: best.date,
    exploitedCves: [...exploited].sort(),
    cveCount: cves.size,
  };
}

/** The lowest release at or above a minimum (the earliest dated on a tie): compliance starts there. */
function firstSatisfying(view: ProductView, minimum: ParsedVersion): DatedRelease | null {
  let best: DatedRelease | null = null;
  for (const r of view.releases) {
    if (view.scheme.compare(r.parsed, minimum) < 0) continue;
    const c = best === null ? -1 : view.scheme.compare(r.parsed, best.parsed);
    if (c < 0 || (c === 0 && best !== null && Date.parse(r.date) < Date.parse(best.date))) {
      best = r;
    }
  }
  return best;
}
