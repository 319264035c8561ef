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

/** The expected figures, each number up to float rounding (1/3 is not 1 - 4/6 to the last bit). */
function near(expected: Partial<TtiStats>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(expected).map(([k, v]) => [
      k,
      typeof v === 'number' ? expect.closeTo(v, 12) : v,
    ]),
  );
}

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
    // Installed: A 07-29T12 = 2.5 days, B 08-13 = 17, G 08-31 = 35; D waiting, 36 days.
    // Kaplan-Meier: 2.5 (4 at risk) S = 3/4; 17 (3) S = 1/2: median 17; 35 (2) S = 1/4; D is
    // still at risk: 90% not reached. Within 7 and 14: 1/4; within 30: 1/2.
    [
      '15.7.8',
      {
        track: '15',
        releasedAt: '2026-07-27T00:00:00.000Z',
        ageDays: 36,
        hostsNeeding: 4,
        hostsInstalled: 3,
        hostsWaiting: 1,
        hostsLeft: 0,
        medianDays: 17,
        p90Days: null,
        within7: 0.25,
        within14: 0.25,
        within30: 0.5,
      },
    ],
    // Needing on 08-06: A, C, I (15.7.8), B (15.7.7), D (15.7.6), G (15.7.5) = 6.
    // Installed: A 08-09 = 3, B 08-13 = 7, C 08-20 (26.6.2) = 14, G 08-31 = 25; D and I (its
    // install is after `now`) wait, 26 days. S: 3 -> 5/6, 7 -> 4/6, 14 -> 3/6: median 14,
    // 25 -> 2/6. Within 7 (inclusive): 1/3, 14: 1/2; 30: the release is 26 days old.
    [
      '15.7.9',
      {
        ageDays: 26,
        hostsNeeding: 6,
        hostsInstalled: 4,
        hostsWaiting: 2,
        medianDays: 14,
        p90Days: null,
        within7: 1 / 3,
        within14: 0.5,
        within30: null,
      },
    ],
    // Nobody was on 26 below 26.6.1 (F came on it the day after).
    [
      '26.6.1',
      {
        hostsNeeding: 0,
        hostsInstalled: 0,
        hostsWaiting: 0,
        medianDays: null,
        p90Days: null,
        within7: null,
      },
    ],
    // F: 26.6.1 on 08-17, 26.6.2 on 08-18T06 = 1.25 days. C ran 15 on 08-17: not needing.
    [
      '26.6.2',
      {
        track: '26',
        ageDays: 15,
        hostsNeeding: 1,
        hostsInstalled: 1,
        medianDays: 1.25,
        p90Days: 1.25,
        within7: 1,
        within14: 1,
        within30: null,
      },
    ],
  ])('%s', (version, expected) => {
    const stats = tti().find((s) => s.version === version);
    expect(stats).toMatchObject(near({ product: 'macos', version, ...expected }));
  });

  it.each<[string, string, string, Partial<TtiStats>]>([
    // D left on 08-01 without installing 15.7.8 (07-27): censored at 5 days, not waiting.
    // S: 2.5 (4 at risk) 3/4; D leaves the risk set at 5; 17 (2) 3/8; 35 (1) 0.
    [
      'left after the release: censored when it left',
      '2026-08-01T00:00:00Z',
      '15.7.8',
      {
        hostsNeeding: 4,
        hostsWaiting: 0,
        hostsLeft: 1,
        medianDays: 17,
        p90Days: 35,
        within7: 0.25,
        within30: 5 / 8,
      },
    ],
    // D was gone before 15.7.9 came out (08-06): it did not need it. Five remain: A 3, B 7,
    // C 14, G 25, I waiting. S: 4/5, 3/5, 2/5 (median 14), 1/5.
    [
      'left before the release: did not need it',
      '2026-08-01T00:00:00Z',
      '15.7.9',
      { hostsNeeding: 5, hostsWaiting: 1, hostsLeft: 0, medianDays: 14, within7: 0.4 },
    ],
    // Leaving after `now` has not happened yet: D still waits.
    [
      'leaves after now: still waiting',
      '2026-09-10T00:00:00Z',
      '15.7.8',
      { hostsNeeding: 4, hostsWaiting: 1, hostsLeft: 0, p90Days: null },
    ],
  ])('%s', (_name, leftAt, version, expected) => {
    const stats = computeTti({
      releases: RELEASES,
      scheme: 'apple-os',
      history: HISTORY,
      leftAt: new Map([['D', leftAt]]),
      now: NOW,
    }).find((s) => s.version === version);
    expect(stats).toMatchObject(near(expected));
  });

  it('as of an earlier date: later releases and observations are not counted', () => {
    // On 08-08 A's install (08-09) is not observed yet; 26.6.2 is not out.
    const stats = tti(new Date('2026-08-08T00:00:00Z'));
    expect(stats.map((s) => s.version)).toEqual(['15.7.8', '15.7.9', '26.6.1']);
    expect(stats[1]).toMatchObject({
      ageDays: 2,
      hostsNeeding: 6,
      hostsInstalled: 0,
      hostsWaiting: 6,
      medianDays: null,
      within7: null,
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
    expect(stats.map((s) => [s.track, s.hostsNeeding, s.hostsInstalled, s.medianDays])).toEqual([
      ['stable', 2, 1, 2.5], // X 2.5 days, Y waiting 20: S = 1/2 at 2.5
      ['extended', 0, 0, null],
    ]);
  });
});
