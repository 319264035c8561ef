import {
  binGroup,
  bootstrapInterval,
  logRankOf,
  logRankScore,
  type GroupSamples,
} from './tti-compare-stats.js';

export type { GroupSamples } from './tti-compare-stats.js';
import { kaplanMeierFigures } from './tti-stats.js';

export interface GroupFigures {
  readonly hosts: number;
  readonly installed: number;
  /** Kaplan-Meier median days (tti-stats.ts); null while under half the group installed. */
  readonly medianDays: number | null;
}

export type ComparisonVerdict =
  'reminded-faster' | 'reminded-slower' | 'no-difference' | 'too-small';

/** Reminded against control hosts for one release: the measure of whether reminders work. */
export interface TtiComparison {
  readonly reminded: GroupFigures;
  readonly control: GroupFigures;
  /** Control median minus reminded median: days reminders saved (negative: cost). */
  readonly differenceDays: number | null;
  /** 95% bootstrap interval of differenceDays; null when too small or a median is not reached. */
  readonly interval: { readonly low: number; readonly high: number } | null;
  readonly resamples: number;
  /** Log-rank test over the whole curves (both groups' installs and censorings). */
  readonly logRank: { readonly chiSquare: number; readonly pValue: number } | null;
  readonly verdict: ComparisonVerdict;
  /** The verdict in one sentence, as the report and the product page print it. */
  readonly summary: string;
}

/**
 * Installs each group needs before anything is said. Below ~10 events per group the log-rank
 * test's normal approximation and a bootstrap median are both unreliable (the usual rule of
 * thumb for survival comparisons), so the report says "too small to tell" instead of a number.
 */
export const MIN_INSTALLS_PER_GROUP = 10;

/** Resamples when the groups are small; fewer as they grow (see bootstrapResamples). */
export const MAX_RESAMPLES = 1_000;
/** Never fewer than this: the 2.5% and 97.5% points need a few resamples beyond them. */
export const MIN_RESAMPLES = 200;
/**
 * Draws one comparison may spend on the bootstrap (resamples x hour bins of both groups):
 * about 0.3 s per release even at 100,000 hosts (two groups of a month of hourly bins: ~400
 * resamples); a small fleet's few hundred bins get the full 1,000.
 */
export const BOOTSTRAP_DRAW_BUDGET = 500_000;

/**
 * The bootstrap's seed for what admins read (report --tti and the product page): one seed, so
 * the same data print the same interval in both places.
 */
export const BOOTSTRAP_SEED = 20_261_130;

export function bootstrapResamples(bins: number): number {
  if (bins === 0) return 0;
  const fit = Math.floor(BOOTSTRAP_DRAW_BUDGET / bins);
  return Math.max(MIN_RESAMPLES, Math.min(MAX_RESAMPLES, fit));
}

export interface CompareOptions {
  /** A seeded generator of [0, 1) (the same seed gives the same interval). */
  readonly random: () => number;
  /** Override the resample count (tests); default bootstrapResamples(hosts). */
  readonly resamples?: number;
  readonly minInstalls?: number;
  /** Significance level for "no difference" (default 0.05, matching the 95% interval). */
  readonly alpha?: number;
}

/**
 * Compare reminded and control hosts' time to install of one release. The difference in
 * Kaplan-Meier medians gets a 95% percentile-bootstrap interval (Poisson weights: each host
 * counts Poisson(1) times, the streaming form of resampling with replacement, drawn per hour
 * bin); the log-rank test (exact times, one pass) says whether the whole curves differ. Reminders are said
 * to work only when the interval excludes 0 and the log-rank p is below alpha; while a median
 * is not reached, when the log-rank p alone is below alpha.
 */
export function compareTti(
  reminded: GroupSamples,
  control: GroupSamples,
  opts: CompareOptions,
): TtiComparison {
  const r = figures(reminded);
  const c = figures(control);
  const min = opts.minInstalls ?? MIN_INSTALLS_PER_GROUP;
  const base = { reminded: r, control: c };
  const small = (
    [
      ['control', c],
      ['reminded', r],
    ] as const
  )
    .filter(([, g]) => g.installed < min)
    .map(([name, g]) => `${name} has ${g.installed} ${plural(g.installed, 'host')} who installed`);
  if (small.length > 0) {
    return {
      ...base,
      differenceDays: null,
      interval: null,
      resamples: 0,
      logRank: null,
      verdict: 'too-small',
      summary: `too small to tell: ${small.join(' and ')} (need >= ${min} installs in each group for the test and the interval to mean anything)`,
    };
  }
  const score = logRankScore(reminded, control);
  const logRank = logRankOf(score);
  const difference =
    r.medianDays !== null && c.medianDays !== null ? c.medianDays - r.medianDays : null;
  const rBins = binGroup(reminded);
  const cBins = binGroup(control);
  const resamples = opts.resamples ?? bootstrapResamples(rBins.days.length + cBins.days.length);
  const interval =
    difference === null ? null : bootstrapInterval(rBins, cBins, resamples, opts.random);
  const alpha = opts.alpha ?? 0.05;
  const verdict = comparisonVerdict({
    significant: logRank.pValue < alpha,
    remindedAhead: score.observedMinusExpected > 0,
    difference,
    interval,
  });
  return {
    ...base,
    differenceDays: difference,
    interval,
    resamples: interval ? resamples : 0,
    logRank,
    verdict,
    summary: sentence(verdict, r, c, difference, interval, logRank.pValue),
  };
}

/**
 * The verdict from the test and the interval. With an interval, both must agree, and with the
 * difference's sign: a point estimate outside its own interval (medians to the minute, the
 * bootstrap to the hour) claims nothing. Without one (a median not reached, or too few resamples
 * reached both) there are no days to bound, and the log-rank test alone says whether and which
 * way the curves differ: "no difference found" at p < 0.001 would be false. It is typically the
 * control group that has not reached its median yet, which is what reminders working looks like.
 */
export function comparisonVerdict(f: {
  readonly significant: boolean;
  /** Reminded hosts installed more than a shared curve expects (log-rank O - E > 0). */
  readonly remindedAhead: boolean;
  readonly difference: number | null;
  readonly interval: { readonly low: number; readonly high: number } | null;
}): ComparisonVerdict {
  if (!f.significant) return 'no-difference';
  if (f.interval === null) {
    const agrees = f.difference === null || f.difference > 0 === f.remindedAhead;
    if (!agrees) return 'no-difference';
    return f.remindedAhead ? 'reminded-faster' : 'reminded-slower';
  }
  if (f.difference === null) return 'no-difference';
  if (f.interval.low > 0 && f.difference > 0) return 'reminded-faster';
  if (f.interval.high < 0 && f.difference < 0) return 'reminded-slower';
  return 'no-difference';
}

function figures(g: GroupSamples): GroupFigures {
  return {
    hosts: g.installedDays.length + g.censoredDays.length,
    installed: g.installedDays.length,
    // ageDays only bounds the within-N figures, not the median.
    medianDays: kaplanMeierFigures(g.installedDays, g.censoredDays, 0).medianDays,
  };
}

const days = (d: number): string => `${d.toFixed(1)} d`;
const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

function sentence(
  verdict: ComparisonVerdict,
  r: GroupFigures,
  c: GroupFigures,
  difference: number | null,
  interval: TtiComparison['interval'],
  p: number,
): string {
  const medians = `median ${r.medianDays === null ? 'not reached' : days(r.medianDays)} vs ${c.medianDays === null ? 'not reached' : days(c.medianDays)}`;
  const ci = interval ? `, 95% CI ${days(interval.low)} to ${days(interval.high)}` : '';
  const diff =
    difference === null
      ? ' (no difference in days until half of each group has installed)'
      : ` (difference ${days(Math.abs(difference))}${ci})`;
  const pText = `log-rank p = ${p < 0.001 ? '< 0.001' : p.toFixed(3)}`;
  switch (verdict) {
    case 'reminded-faster':
      return `reminded hosts install faster: ${medians}${diff}; ${pText}`;
    case 'reminded-slower':
      return `reminded hosts install slower: ${medians}${diff}; ${pText}`;
    case 'no-difference':
    case 'too-small':
      return `no difference found: ${medians}${difference === null ? '' : ` (difference ${days(difference)}${ci})`}; ${pText}`;
  }
}
