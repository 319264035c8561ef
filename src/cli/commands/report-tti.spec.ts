import { describe, expect, it } from 'vitest';
import { ttiStat } from '../../compliance/__fixtures__/tti-stat.js';
import { ttiText } from './report-tti.js';

/** The cells of the data row naming `version`. */
function row(text: string, version: string): string[] | undefined {
  return text
    .split('\n')
    .filter((line) => line.includes(` ${version} `))
    .map((line) =>
      line
        .split('│')
        .slice(1, -1)
        .map((c) => c.trim()),
    )[0];
}

describe('report --tti as text', () => {
  const young = ttiStat({
    product: 'chrome',
    track: 'stable',
    version: '140.0.7339.80',
    releasedAt: '2026-08-27T00:00:00.000Z',
    ageDays: 5.5,
    hostsNeeding: 100,
    hostsInstalled: 28,
    hostsWaiting: 72,
  });
  const old = ttiStat({
    version: '26.6.1',
    ageDays: 40,
    hostsNeeding: 8,
    hostsInstalled: 6,
    hostsWaiting: 1,
    hostsLeft: 1,
    medianDays: 2.25,
    p90Days: 19,
    within7: 0.625,
    within14: 0.75,
    within30: 0.875,
  });

  it.each([
    // The case: most hosts still waiting on a 5-day-old release. No median, no shares.
    [
      'chrome',
      '140.0.7339.80',
      ['chrome', 'stable', '140.0.7339.80', '2026-08-27', '5', '100', '28', '72', '0'],
      ['not reached yet', 'not reached yet', '-', '-', '-'],
    ],
    [
      'macos',
      '26.6.1',
      ['macos', '26', '26.6.1', '2026-08-01', '40', '8', '6', '1', '1'],
      ['2.3', '19.0', '63%', '75%', '88%'],
    ],
  ])('%s %s', (_product, version, counts, figures) => {
    expect(row(ttiText([old, young], false), version)).toEqual([...counts, ...figures]);
  });

  it.each([
    [false, '--all lists every release'],
    [true, 'Every release is listed'],
  ])('says what it lists (all: %s)', (all, note) => {
    const text = ttiText([old], all);
    expect(text).toContain(note);
    expect(text).toContain('Kaplan-Meier');
  });

  it('says what to do when there is nothing to show', () => {
    expect(ttiText([], false)).toContain('sync feeds and inventory first');
  });
});
