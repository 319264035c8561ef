/**
 * One group's time-to-install of one release, as the tally keeps it: days each host took to
 * install, and days each host that did not was watched (censored).
 */
export interface GroupSamples {
  readonly installedDays: readonly number[];
  readonly censoredDays: readonly number[];
}

/** Tolerance for "the survival reached 50%", as in tti-stats.ts. */
const EPSILON = 1e-9;

/** One group's installs and censorings, each ascending (native typed-array sorts). */
interface Sorted {
  readonly installs: Float64Array;
  readonly censored: Float64Array;
}

const sorted = (g: GroupSamples): Sorted => ({
  installs: Float64Array.from(g.installedDays).sort(),
  censored: Float64Array.from(g.censoredDays).sort(),
});

/** How many of `xs` from index `i` on equal `t` (xs ascending). */
function run(xs: Float64Array, i: number, t: number): number {
  let j = i;
  while (j < xs.length && xs[j] === t) j++;
  return j - i;
}

/**
 * Log-rank test of two groups' time to install: at each distinct install time, the installs
 * group A (reminded) had against those expected if both groups shared one curve, with the
 * hypergeometric variance. Hosts censored at t are still at risk at t (as in tti-stats.ts).
 * chi-square with 1 degree of freedom; one pass over the four sorted arrays.
 */
export function logRankTest(
  a: GroupSamples,
  b: GroupSamples,
): { chiSquare: number; pValue: number } {
  return logRankOf(logRankScore(a, b));
}

/** chi-square (1 df) and p of log-rank sums. */
export function logRankOf({
  observedMinusExpected,
  variance,
}: {
  observedMinusExpected: number;
  variance: number;
}): { chiSquare: number; pValue: number } {
  if (variance <= 0) return { chiSquare: 0, pValue: 1 };
  const chiSquare = (observedMinusExpected * observedMinusExpected) / variance;
  return { chiSquare, pValue: chiSquare1dfSurvival(chiSquare) };
}

/**
 * The log-rank sums: group A's installs minus those expected under one shared curve (positive:
 * A installed sooner than B) and their variance. logRankTest turns them into chi-square and p;
 * the sign says which way the curves differ when no median difference can be given.
 */
export function logRankScore(
  a: GroupSamples,
  b: GroupSamples,
): { observedMinusExpected: number; variance: number } {
  const A = sorted(a);
  const B = sorted(b);
  let ai = 0;
  let ac = 0;
  let bi = 0;
  let bc = 0;
  let atRiskA = A.installs.length + A.censored.length;
  let atRiskB = B.installs.length + B.censored.length;
  let observedMinusExpected = 0;
  let variance = 0;
  for (;;) {
    const t = Math.min(
      A.installs[ai] ?? Infinity,
      A.censored[ac] ?? Infinity,
      B.installs[bi] ?? Infinity,
      B.censored[bc] ?? Infinity,
    );
    if (t === Infinity) break;
    const dA = run(A.installs, ai, t);
    const dB = run(B.installs, bi, t);
    const cA = run(A.censored, ac, t);
    const cB = run(B.censored, bc, t);
    const d = dA + dB;
    const n = atRiskA + atRiskB;
    if (d > 0) {
      observedMinusExpected += dA - (d * atRiskA) / n;
      if (n > 1) variance += (d * (atRiskA / n) * (atRiskB / n) * (n - d)) / (n - 1);
    }
    atRiskA -= dA + cA;
    atRiskB -= dB + cB;
    ai += dA;
    bi += dB;
    ac += cA;
    bc += cB;
  }
  return { observedMinusExpected, variance };
}

/** P(X >= x) for chi-square with 1 df: erfc(sqrt(x / 2)). */
export function chiSquare1dfSurvival(x: number): number {
  return x <= 0 ? 1 : Math.min(1, erfc(Math.sqrt(x / 2)));
}

/** Complementary error function (Numerical Recipes erfcc, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/**
 * Bootstrap resolution: install times are binned to the hour for resampling. An install is
 * seen at an inventory check-in, rarely more often than hourly, so finer times carry no more
 * information; binning makes a resample cost one draw per bin instead of one per host.
 */
export const BOOTSTRAP_BIN_DAYS = 1 / 24;

/** One group's hosts per hour bin: installs and censorings, bins in time order. */
export interface Binned {
  readonly days: Float64Array;
  readonly installs: Float64Array;
  readonly censored: Float64Array;
}

export function binGroup(g: GroupSamples): Binned {
  const bin = (d: number): number => Math.round(d / BOOTSTRAP_BIN_DAYS);
  const i = Float64Array.from(g.installedDays, bin).sort();
  const c = Float64Array.from(g.censoredDays, bin).sort();
  const days: number[] = [];
  const installs: number[] = [];
  const censored: number[] = [];
  let x = 0;
  let y = 0;
  while (x < i.length || y < c.length) {
    const k = Math.min(i[x] ?? Infinity, c[y] ?? Infinity);
    const ni = run(i, x, k);
    const nc = run(c, y, k);
    days.push(k * BOOTSTRAP_BIN_DAYS);
    installs.push(ni);
    censored.push(nc);
    x += ni;
    y += nc;
  }
  return {
    days: Float64Array.from(days),
    installs: Float64Array.from(installs),
    censored: Float64Array.from(censored),
  };
}

/**
 * Poisson(lambda). A bin of n hosts each counted Poisson(1) times weighs Poisson(n) in all, so
 * drawing per bin is the per-host Poisson bootstrap exactly; above 30 the normal approximation
 * is used (its error is far below the resampling noise).
 */
function poisson(lambda: number, random: () => number): number {
  if (lambda === 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

/** The Kaplan-Meier median of one Poisson-weighted resample of a binned group; null if not reached. */
function resampledMedian(g: Binned, random: () => number): number | null {
  const n = g.days.length;
  const installs = new Float64Array(n);
  const leaving = new Float64Array(n);
  let atRisk = 0;
  for (let k = 0; k < n; k++) {
    const i = poisson(g.installs[k] as number, random);
    installs[k] = i;
    leaving[k] = i + poisson(g.censored[k] as number, random);
    atRisk += leaving[k] as number;
  }
  let survival = 1;
  for (let k = 0; k < n; k++) {
    const i = installs[k] as number;
    if (i > 0 && atRisk > 0) {
      survival *= 1 - i / atRisk;
      if (survival <= 0.5 + EPSILON) return g.days[k] as number;
    }
    atRisk -= leaving[k] as number;
  }
  return null;
}

/**
 * 95% percentile-bootstrap interval of (control median - reminded median). Resamples in which
 * either median is not reached are left out of the percentiles; when over half of them are,
 * the data cannot bound the difference and there is no interval.
 */
export function bootstrapInterval(
  reminded: Binned,
  control: Binned,
  resamples: number,
  random: () => number,
): { low: number; high: number } | null {
  const diffs: number[] = [];
  for (let k = 0; k < resamples; k++) {
    const mr = resampledMedian(reminded, random);
    const mc = resampledMedian(control, random);
    if (mr !== null && mc !== null) diffs.push(mc - mr);
  }
  if (diffs.length === 0 || diffs.length < resamples / 2) return null;
  const sorted = Float64Array.from(diffs).sort();
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))] as number;
  return { low: at(0.025), high: at(0.975) };
}
