import { describe, expect, it } from 'vitest';
import { ttiFigures, type TtiSample } from './__fixtures__/tti-reference.js';
import type { TtiFigures } from './tti-stats.js';

/** Installed after each of `days`. */
const inst = (...days: number[]): TtiSample[] => days.map((d) => ({ days: d, installed: true }));
/** Still waiting (censored) after each of `days`: at `now`, or when the host left. */
const wait = (...days: number[]): TtiSample[] => days.map((d) => ({ days: d, installed: false }));

const NONE = { medianDays: null, p90Days: null, within7: null, within14: null, within30: null };

describe('ttiFigures: Kaplan-Meier against hand-computed figures', () => {
  it.each<[string, TtiSample[], number, TtiFigures]>([
    ['nobody needed it', [], 40, NONE],
    // Nobody installed: S stays 1. The release is 10 days old: within 7 is 0, 14 and 30 unknown.
    ['three waiting, nobody installed', wait(10, 10, 10), 10, { ...NONE, within7: 0 }],
    // The case: 3 of 10 installed in 1-3 days, 7 waiting on a 5-day-old release.
    // S = 9/10, 8/10, 7/10: half is not reached. (Averaging the three installs said "2 days".)
    ['72% still waiting', [...inst(1, 2, 3), ...wait(5, 5, 5, 5, 5, 5, 5)], 5, NONE],
    // No censoring: S = .8 .6 .4 .2 0 at 1 2 7 14 31, the nearest rank of the sorted days.
    [
      'no censoring: nearest rank',
      inst(31, 2, 7, 14, 1),
      40,
      { medianDays: 7, p90Days: 31, within7: 0.6, within14: 0.8, within30: 0.8 },
    ],
    // n = 7. t=1: 7 at risk, S = 6/7. t=2: 6 at risk (the host censored at 2 still is),
    // S = 6/7 x 5/6 = 5/7. t=3: 4 at risk (the 2 left), S = 5/7 x 3/4 = 15/28 (.536, not yet
    // half). t=5: 2 at risk (the 4 left), S = 15/28 x 1/2 = 15/56 (.268): median 5. The last
    // host left at 20 without installing: S never reaches .1, p90 not reached.
    [
      'censored between installs, and at the same time as one',
      [...inst(1, 2), ...wait(2), ...inst(3), ...wait(4), ...inst(5), ...wait(20)],
      40,
      { medianDays: 5, p90Days: null, within7: 41 / 56, within14: 41 / 56, within30: 41 / 56 },
    ],
    // S = 3/4 then 3/4 x 2/3, which is 0.49999999999999994 or 0.5 by rounding: median 2 either way.
    [
      'exactly half',
      [...inst(1, 2), ...wait(10, 10)],
      10,
      { medianDays: 2, p90Days: null, within7: 0.5, within14: null, within30: null },
    ],
    // Within N includes N; a release exactly 7 days old has a 7-day share.
    [
      'on the boundary',
      [...inst(7), ...wait(7)],
      7,
      { medianDays: 7, p90Days: null, within7: 0.5, within14: null, within30: null },
    ],
    // Everyone installed, one hosts' install the same day as another: d = 2 at one step.
    // S = 2/4 at 3, 1/4 at 8, 0 at 9: median 3, p90 9.
    [
      'ties among installs',
      inst(9, 3, 8, 3),
      30,
      { medianDays: 3, p90Days: 9, within7: 0.5, within14: 1, within30: 1 },
    ],
  ])('%s', (_name, samples, ageDays, expected) => {
    const got = ttiFigures(samples, ageDays);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected) as (keyof TtiFigures)[]) {
      const want = expected[key];
      if (want === null) expect(got[key], key).toBeNull();
      else expect(got[key], key).toBeCloseTo(want, 12);
    }
  });

  it('does not depend on the order of the samples', () => {
    const samples = [...inst(1, 2), ...wait(2), ...inst(3), ...wait(4), ...inst(5), ...wait(20)];
    expect(ttiFigures([...samples].reverse(), 40)).toEqual(ttiFigures(samples, 40));
  });
});
