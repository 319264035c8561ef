import { describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random/seeded-random.js';
import {
  compareTti,
  comparisonVerdict,
  bootstrapResamples,
  type GroupSamples,
} from './tti-compare.js';
import { chiSquare1dfSurvival, logRankTest } from './tti-compare-stats.js';

/**
 * A simulated release: `hosts` hosts whose install time is exponential with the given mean,
 * watched for `watchDays` (those slower are still waiting: censored there).
 */
function simulate(hosts: number, meanDays: number, seed: number, watchDays = 30): GroupSamples {
  const random = seededRandom(seed);
  const installedDays: number[] = [];
  const censoredDays: number[] = [];
  for (let i = 0; i < hosts; i++) {
    const t = -meanDays * Math.log(1 - random());
    if (t <= watchDays) installedDays.push(t);
    else censoredDays.push(watchDays);
  }
  return { installedDays, censoredDays };
}

describe('logRankTest', () => {
  // By hand: reminded installs at 1, 2, 3 and one waits at 4; control installs at 2 and 5 and
  // one waits at 3 (still at risk at 3). Per install time t (n at risk, d installs, dA reminded):
  //   t=1: n=7 (4+3) d=1 dA=1  E=4/7  V=1*(4/7)(3/7)*6/6 = 12/49
  //   t=2: n=6 (3+3) d=2 dA=1  E=1    V=2*(1/2)(1/2)*4/5 = 2/5
  //   t=3: n=4 (2+2) d=1 dA=1  E=1/2  V=1*(1/2)(1/2)*3/3 = 1/4
  //   t=5: n=1 (0+1) d=1 dA=0  E=0    V=0 (one host at risk)
  // O - E = 3 - 29/14 = 13/14; V = 0.894898; chi2 = (13/14)^2 / V = 0.963512; p = 0.326304.
  const reminded = { installedDays: [1, 2, 3], censoredDays: [4] };
  const control = { installedDays: [2, 5], censoredDays: [3] };

  it('matches the hand-computed statistic and p-value', () => {
    const res = logRankTest(reminded, control);
    expect(res.chiSquare).toBeCloseTo(0.9635119726, 8);
    expect(res.pValue).toBeCloseTo(0.3263036221, 6);
  });

  it('is symmetric in the groups', () => {
    expect(logRankTest(control, reminded).chiSquare).toBeCloseTo(0.9635119726, 8);
  });

  it('finds nothing between identical groups', () => {
    expect(logRankTest(reminded, reminded)).toEqual({ chiSquare: 0, pValue: 1 });
  });

  it.each([
    [0, 1],
    [3.841458820694124, 0.05],
    [6.634896601021214, 0.01],
  ])('chi-square(1) survival at %s is %s', (x, p) => {
    expect(chiSquare1dfSurvival(x)).toBeCloseTo(p, 6);
  });
});

describe('bootstrapResamples', () => {
  it.each([
    [0, 0],
    [400, 1_000],
    [1_000, 500],
    [2_000, 250],
    [40_000, 200],
  ])('%s hour bins get %s resamples', (hosts, n) => {
    expect(bootstrapResamples(hosts)).toBe(n);
  });
});

describe('comparisonVerdict', () => {
  const iv = (low: number, high: number) => ({ low, high });
  it.each([
    ['not significant', false, true, 2, iv(1, 3), 'no-difference'],
    ['interval above 0, reminded ahead', true, true, 2, iv(1, 3), 'reminded-faster'],
    ['interval below 0, reminded behind', true, false, -2, iv(-3, -1), 'reminded-slower'],
    ['interval across 0', true, true, 1, iv(-1, 3), 'no-difference'],
    // Medians to the minute, bootstrap to the hour: a point outside its interval claims nothing.
    ['difference outside its own interval', true, true, 0.01, iv(-0.04, -0.02), 'no-difference'],
    ['a median not reached: the test decides', true, true, null, null, 'reminded-faster'],
    ['a median not reached, reminded behind', true, false, null, null, 'reminded-slower'],
    // Too few resamples reached both medians to bound the difference.
    ['no interval, difference agrees with the test', true, true, 3, null, 'reminded-faster'],
    ['no interval, difference against the test', true, true, -3, null, 'no-difference'],
  ] as const)('%s', (_name, significant, remindedAhead, difference, interval, verdict) => {
    expect(comparisonVerdict({ significant, remindedAhead, difference, interval })).toBe(verdict);
  });
});

describe('compareTti', () => {
  it('shows the difference with an interval that excludes 0 when reminded hosts install faster', () => {
    // Reminded: mean 3 days; control (5% of 4,000): mean 8 days.
    const res = compareTti(simulate(3_800, 3, 1), simulate(200, 8, 2), {
      random: seededRandom(7),
    });
    expect(res.verdict).toBe('reminded-faster');
    expect(res.reminded.medianDays).toBeCloseTo(3 * Math.LN2, 0);
    expect(res.control.medianDays).toBeCloseTo(8 * Math.LN2, 0);
    expect(res.differenceDays).toBeGreaterThan(0);
    expect(res.interval?.low).toBeGreaterThan(0);
    expect(res.interval?.low).toBeLessThan(res.differenceDays as number);
    expect(res.interval?.high).toBeGreaterThan(res.differenceDays as number);
    expect(res.logRank?.pValue).toBeLessThan(0.001);
    expect(res.resamples).toBe(1_000);
    expect(res.summary).toMatch(
      /^reminded hosts install faster: median \d+\.\d d vs \d+\.\d d \(difference \d+\.\d d, 95% CI \d+\.\d d to \d+\.\d d\); log-rank p = < 0\.001$/,
    );
  });

  it('finds no difference between identical groups: the interval holds 0, p is large', () => {
    const res = compareTti(simulate(3_800, 5, 3), simulate(200, 5, 4), {
      random: seededRandom(7),
    });
    expect(res.verdict).toBe('no-difference');
    expect(res.interval?.low).toBeLessThan(0);
    expect(res.interval?.high).toBeGreaterThan(0);
    expect(res.summary).toMatch(/^no difference found: median/);
  });

  it('rarely finds a difference between identical groups (40 seeded fleets)', () => {
    const results = Array.from({ length: 40 }, (_, i) =>
      compareTti(simulate(1_000, 5, 100 + i), simulate(100, 5, 200 + i), {
        random: seededRandom(i),
        resamples: 200,
      }),
    );
    // At alpha 0.05 about 2 of 40 log-rank tests come out "significant" by chance alone.
    expect(results.filter((r) => (r.logRank?.pValue ?? 1) < 0.05).length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.verdict !== 'no-difference').length).toBeLessThanOrEqual(3);
    const holdsZero = results.filter(
      (r) => r.interval && r.interval.low <= 0 && r.interval.high >= 0,
    );
    expect(holdsZero.length).toBeGreaterThanOrEqual(34);
  });

  it('gives the same interval for the same seed', () => {
    const a = compareTti(simulate(500, 3, 1), simulate(60, 6, 2), { random: seededRandom(9) });
    const b = compareTti(simulate(500, 3, 1), simulate(60, 6, 2), { random: seededRandom(9) });
    expect(a.interval).toEqual(b.interval);
  });

  it('says when the control group is too small to tell, and why', () => {
    const control = { installedDays: [1, 2, 9], censoredDays: [30, 30] };
    const res = compareTti(simulate(1_000, 3, 1), control, { random: seededRandom(1) });
    expect(res.verdict).toBe('too-small');
    expect(res.interval).toBeNull();
    expect(res.logRank).toBeNull();
    expect(res.control).toEqual({ hosts: 5, installed: 3, medianDays: 9 });
    expect(res.summary).toBe(
      'too small to tell: control has 3 hosts who installed (need >= 10 installs in each group for the test and the interval to mean anything)',
    );
  });

  it('has no interval while a group has not reached its median', () => {
    // Control: 12 of 40 installed, the rest still waiting: no median yet.
    const control = {
      installedDays: Array.from({ length: 12 }, (_, i) => i + 1),
      censoredDays: Array.from({ length: 28 }, () => 30),
    };
    const res = compareTti(simulate(1_000, 3, 1), control, { random: seededRandom(1) });
    expect(res.control.medianDays).toBeNull();
    expect(res.differenceDays).toBeNull();
    expect(res.interval).toBeNull();
    // No difference in days can be given, but the curves differ: the log-rank test says so
    // (it said "no difference found" at p < 0.001, the very case where reminders work best).
    expect(res.logRank?.pValue).toBeLessThan(0.001);
    expect(res.verdict).toBe('reminded-faster');
    expect(res.summary).toMatch(
      /^reminded hosts install faster: median \d+\.\d d vs not reached \(no difference in days until half of each group has installed\); log-rank p = < 0\.001$/,
    );
  });

  it('says reminded hosts are slower when only the test can tell and they are behind', () => {
    const reminded = {
      installedDays: Array.from({ length: 12 }, (_, i) => i + 1),
      censoredDays: Array.from({ length: 28 }, () => 30),
    };
    const res = compareTti(reminded, simulate(1_000, 3, 1), { random: seededRandom(1) });
    expect(res.differenceDays).toBeNull();
    expect(res.verdict).toBe('reminded-slower');
    expect(res.summary).toMatch(/^reminded hosts install slower: median not reached vs /);
  });

  it('finds no difference while a median is not reached and the curves agree', () => {
    // Both groups: a third installed over 10 days, the rest waiting at 30: same curve.
    const group = (n: number): GroupSamples => ({
      installedDays: Array.from({ length: n }, (_, i) => 1 + (i % 10)),
      censoredDays: Array.from({ length: 2 * n }, () => 30),
    });
    const res = compareTti(group(300), group(30), { random: seededRandom(1) });
    expect(res.differenceDays).toBeNull();
    expect(res.logRank?.pValue).toBeGreaterThan(0.5);
    expect(res.verdict).toBe('no-difference');
    expect(res.summary).toMatch(/^no difference found: median not reached vs not reached; /);
  });
});
