import { describe, expect, it } from 'vitest';
import { ttiFigures, type TtiFigures } from './tti-stats.js';

describe('ttiFigures', () => {
  it.each<[string, number[], number, TtiFigures]>([
    [
      'nobody installed',
      [],
      3,
      { meanDays: null, medianDays: null, p90Days: null, within7: 0, within14: 0, within30: 0 },
    ],
    [
      'nobody needed it',
      [],
      0,
      { meanDays: null, medianDays: null, p90Days: null, within7: 0, within14: 0, within30: 0 },
    ],
    [
      'one host',
      [9],
      1,
      { meanDays: 9, medianDays: 9, p90Days: 9, within7: 0, within14: 1, within30: 1 },
    ],
    // Odd count: the middle one. p90 rank ceil(4.5) = 5 -> the largest.
    [
      'unsorted, odd count',
      [31, 2, 7, 14, 1],
      5,
      { meanDays: 11, medianDays: 7, p90Days: 31, within7: 0.6, within14: 0.8, within30: 0.8 },
    ],
    // Even count: (2 + 3) / 2. p90 rank ceil(3.6) = 4.
    [
      'even count',
      [1, 2, 3, 4],
      8,
      { meanDays: 2.5, medianDays: 2.5, p90Days: 4, within7: 0.5, within14: 0.5, within30: 0.5 },
    ],
    // Ten values 1..10: p90 rank ceil(9) = 9 -> 9, not 10.
    [
      'ten values',
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      10,
      { meanDays: 5.5, medianDays: 5.5, p90Days: 9, within7: 0.7, within14: 1, within30: 1 },
    ],
  ])('%s', (_name, days, needing, expected) => {
    expect(ttiFigures(days, needing)).toEqual(expected);
  });
});
