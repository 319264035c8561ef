import { describe, expect, it } from 'vitest';
import type { StoredRelease } from '../catalog/catalog.js';
import { rel } from './__fixtures__/catalog.js';
import type { TtiStats } from './model.js';
import { computeTti, type TtiHistoryEntry } from './tti.js';

function seen(hostId: string, version: string, at: string, product = 'macos'): TtiHistoryEntry {
  return { hostId, product, version, firstObservedAt: at };
}

const RELEASES: StoredRelease[] = [
  rel('macos', '15', '15.7.8', '2026-07-27'),
  rel('macos', '15', '15.7.9', '2026-08-06'),
  rel('macos', '26', '26.6.1', '2026-08-06'),
  rel('macos', '26', '26.6.2', '2026-08-17'),
  rel('macos', '15', '15.7.10', '2026-09-10'), // after `now`: no figures yet
];

const HISTORY: TtiHistoryEntry[] = [
  seen('A', '15.7.7', '2026-07-01T00:00:00Z'),
  seen('A', '15.7.8', '2026-07-29T12:00:00Z'),
  seen('A', '15.7.9', '2026-08-09T00:00:00Z'),
  seen('A', '139.0.7258.127', '2026-08-01T00:00:00Z', 'chrome'), // another product: ignored
  seen('B', '15.7.7', '2026-07-01T00:00:00Z'),
  seen('B', '15.7.9', '2026-08-13T00:00:00Z'), // skips 15.7.8: installs both at once
  seen('C', '15.7.8', '2026-07-28T00:00:00Z'), // enrolled after 15.7.8 came out, already on it
  seen('C', '26.6.2', '2026-08-20T00:00:00Z'), // a jump to a newer major installs 15.7.9
  seen('D', '15.7.6', '2026-06-01T00:00:00Z'), // never updates
  seen('E', '14.8.8', '2026-07-01T00:00:00Z'), // a major without releases here: needs none
  seen('F', '26.6.1', '2026-08-07T00:00:00Z'),
  seen('F', '26.6.2', '2026-08-18T06:00:00Z'),
  seen('G', '15.7.5', '2026-08-01T00:00:00Z'), // enrolled after 15.7.8, below it: needs it
  seen('G', '15.7.9', '2026-08-31T00:00:00Z'),
  seen('H', '15.7.x', '2026-07-01T00:00:00Z'), // unreadable: needs nothing
  seen('H', '15.7.9', '2026-08-08T00:00:00Z'),
  seen('I', '15.7.8', '2026-07-30T00:00:00Z'),
  seen('I', '15.7.9', '2026-09-05T00:00:00Z'), // after `now`: not yet observed
];

const NOW = new Date('2026-09-01T00:00:00Z');

function tti(now = NOW): TtiStats[] {
  return computeTti({ releases: RELEASES, scheme: 'apple-os', history: HISTORY, now });
}

describe('computeTti on a synthetic history', () => {
  it('lists the releases out by `now`, oldest first (same day: lower version first)', () => {
    expect(tti().map((s) => s.version)).toEqual(['15.7.8', '15.7.9', '26.6.1', '26.6.2']);
  });

  it.each<[string, Partial<TtiStats>]>([
    // Needing: A, B, D (on 15.7.6/7 on 07-27) and G (first seen after, on 15.7.5). C came on
    // 15.7.8; E runs 14; F runs 26; H's version is unreadable; I came on 15.7.8.
    // Installed: A 07-29T12 = 2.5 days, B 08-13 = 17, G 08-31 = 35; D never.
    // mean (2.5 + 17 + 35) / 3 = 18.1666..; median 17; p90 rank ceil(2.7) = 3 -> 35;
    // within 7: 1/4, within 14: 1/4, within 30: 2/4.
    [
      '15.7.8',
      {
        track: '15',
        releasedAt: '2026-07-27T00:00:00.000Z',
        hostsNeeding: 4,
        hostsInstalled: 3,
        meanDays: 54.5 / 3,
        medianDays: 17,
        p90Days: 35,
        within7: 0.25,
        within14: 0.25,
        within30: 0.5,
      },
    ],
    // Needing on 08-06: A, C, I (15.7.8), B (15.7.7), D (15.7.6), G (15.7.5) = 6.
    // Installed: A 08-09 = 3, B 08-13 = 7, C 08-20 (26.6.2) = 14, G 08-31 = 25; D never, I
    // only after `now`. mean 49 / 4 = 12.25; median (7 + 14) / 2 = 10.5; p90 rank
    // ceil(3.6) = 4 -> 25; within 7 (inclusive): 2/6, within 14: 3/6, within 30: 4/6.
    [
      '15.7.9',
      {
        hostsNeeding: 6,
        hostsInstalled: 4,
        meanDays: 12.25,
        medianDays: 10.5,
        p90Days: 25,
        within7: 2 / 6,
        within14: 3 / 6,
        within30: 4 / 6,
      },
    ],
    // Nobody was on 26 below 26.6.1 (F came on it the day after).
    [
      '26.6.1',
      {
        hostsNeeding: 0,
        hostsInstalled: 0,
        meanDays: null,
        medianDays: null,
        p90Days: null,
        within7: 0,
      },
    ],
    // F: 26.6.1 on 08-17, 26.6.2 on 08-18T06 = 1.25 days. C ran 15 on 08-17: not needing.
    [
      '26.6.2',
      {
        track: '26',
        hostsNeeding: 1,
        hostsInstalled: 1,
        meanDays: 1.25,
        medianDays: 1.25,
        p90Days: 1.25,
        within7: 1,
        within30: 1,
      },
    ],
  ])('%s', (version, expected) => {
    const stats = tti().find((s) => s.version === version);
    expect(stats).toMatchObject({ product: 'macos', version, ...expected });
  });

  it('as of an earlier date: later releases and observations are not counted', () => {
    // On 08-08 A's install (08-09) is not observed yet; 26.6.2 is not out.
    const stats = tti(new Date('2026-08-08T00:00:00Z'));
    expect(stats.map((s) => s.version)).toEqual(['15.7.8', '15.7.9', '26.6.1']);
    expect(stats[1]).toMatchObject({
      hostsNeeding: 6,
      hostsInstalled: 0,
      meanDays: null,
      within30: 0,
    });
  });
});

describe('computeTti on channel tracks', () => {
  it('places browser hosts on the stable channel, as compliance does', () => {
    const releases = [
      rel('chrome', 'stable', '139.0.7258.127', '2026-08-12'),
      rel('chrome', 'extended', '138.0.7204.235', '2026-08-19'),
    ];
    const history = [
      seen('X', '139.0.7258.66', '2026-08-01T00:00:00Z', 'chrome'),
      seen('X', '139.0.7258.127', '2026-08-14T12:00:00Z', 'chrome'),
      seen('Y', '138.0.7204.200', '2026-08-01T00:00:00Z', 'chrome'),
    ];
    const stats = computeTti({ releases, scheme: 'chrome', history, now: NOW });
    expect(stats.map((s) => [s.track, s.hostsNeeding, s.hostsInstalled, s.meanDays])).toEqual([
      ['stable', 2, 1, 2.5],
      ['extended', 0, 0, null],
    ]);
  });
});
