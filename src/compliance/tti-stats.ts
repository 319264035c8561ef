/** The figures of one release's time-to-install, from the days each installing host took. */
export interface TtiFigures {
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  readonly within7: number;
  readonly within14: number;
  readonly within30: number;
}

/**
 * Mean, median (the two middle values averaged for an even count), p90 by nearest rank (the
 * smallest value with at least 90% of the values at or below it: always a real host's figure)
 * over the hosts that installed; the within-N shares are over every host that needed the
 * release, so a host that never installed pulls them down.
 */
export function ttiFigures(days: readonly number[], hostsNeeding: number): TtiFigures {
  // A typed array sorts numerically in native code: at 100,000 hosts a comparator sort of every
  // release's days is what the report would spend most of its time on.
  const sorted = Float64Array.from(days).sort();
  const n = sorted.length;
  const share = (limit: number): number =>
    hostsNeeding === 0 ? 0 : countAtOrBelow(sorted, limit) / hostsNeeding;
  const base = { within7: share(7), within14: share(14), within30: share(30) };
  if (n === 0) return { meanDays: null, medianDays: null, p90Days: null, ...base };
  const at = (i: number): number => sorted[i] ?? Number.NaN;
  const mid = Math.floor(n / 2);
  return {
    meanDays: sorted.reduce((sum, d) => sum + d, 0) / n,
    medianDays: n % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2,
    p90Days: at(Math.ceil(0.9 * n) - 1),
    ...base,
  };
}

/** How many of the ascending values are <= limit. */
function countAtOrBelow(sorted: Float64Array, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
