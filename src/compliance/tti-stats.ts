/** The Kaplan-Meier figures of one release's time-to-install. */
export interface TtiFigures {
  /** Days by which half the hosts installed; null when the estimate has not reached 50% yet. */
  readonly medianDays: number | null;
  /** Days by which 90% installed; null when the estimate has not reached 90% yet. */
  readonly p90Days: number | null;
  /**
   * Estimated share (0..1) installed within 7 / 14 / 30 days; null while the release is younger
   * than that (nobody could have been watched that long) or nobody needed it.
   */
  readonly within7: number | null;
  readonly within14: number | null;
  readonly within30: number | null;
}

/** Tolerance for "the survival reached 50%": 3/4 x 2/3 is 0.49999999999999994 in floating point. */
const EPSILON = 1e-9;

/**
 * Kaplan-Meier over the hosts that needed a release. Averaging the days of the hosts that
 * installed ignores those that have not: a release 72% of hosts still lack looked installed in
 * two days. Here a waiting host counts as "had not installed after d days" (censored), so it
 * stays in the risk set until then and weighs on every figure.
 *
 * S(t) = product over event times t_j <= t of (1 - d_j / n_j), d_j installs at t_j, n_j hosts
 * whose time is >= t_j (a host censored at t_j is still at risk then, the usual convention).
 * A quantile q is the smallest event time with S(t) <= 1 - q (with no censoring: the nearest
 * rank, always a real host's figure). `ageDays` is how long the release has been out. The
 * installs' and the censorings' days come apart, as the tally keeps them: no object per host
 * and release at 100,000 hosts.
 */
export function kaplanMeierFigures(
  installedDays: readonly number[],
  censoredDays: readonly number[],
  ageDays: number,
): TtiFigures {
  // Typed arrays sort numerically in native code, where a comparator sort of 100,000 hosts'
  // days would be most of what the report spends.
  const events = Float64Array.from(installedDays).sort();
  const censored = Float64Array.from(censoredDays).sort();
  const total = events.length + censored.length;
  const curve = survivalCurve(events, censored);
  const quantile = (q: number): number | null =>
    curve.find((p) => p.survival <= 1 - q + EPSILON)?.days ?? null;
  const within = (limit: number): number | null =>
    total === 0 || ageDays < limit ? null : 1 - survivalAt(curve, limit);
  return {
    medianDays: quantile(0.5),
    p90Days: quantile(0.9),
    within7: within(7),
    within14: within(14),
    within30: within(30),
  };
}

/** One step of the estimate: from `days` on, this share had not installed yet. */
interface Step {
  readonly days: number;
  readonly survival: number;
}

/** The Kaplan-Meier steps, one per distinct event time, from both ascending arrays. */
function survivalCurve(events: Float64Array, censored: Float64Array): Step[] {
  const steps: Step[] = [];
  let atRisk = events.length + censored.length;
  let survival = 1;
  let e = 0;
  let c = 0;
  while (e < events.length) {
    const t = events[e] as number;
    // Hosts censored before t left the risk set before this step.
    while (c < censored.length && (censored[c] as number) < t) {
      c++;
      atRisk--;
    }
    let installs = 0;
    while (e < events.length && events[e] === t) {
      e++;
      installs++;
    }
    survival *= 1 - installs / atRisk;
    atRisk -= installs;
    steps.push({ days: t, survival });
  }
  return steps;
}

/** S(limit): the survival of the last step at or before `limit` (1 before the first). */
function survivalAt(curve: readonly Step[], limit: number): number {
  let survival = 1;
  for (const step of curve) {
    if (step.days > limit) break;
    survival = step.survival;
  }
  return survival;
}
