import { describe, expect, it } from 'vitest';
import {
  catalog,
  FIREFOX_DOWN,
  host,
  iso,
  RELEASES,
  run,
  type RunOptions,
} from './__fixtures__/catalog.js';
import type { Finding } from './model.js';

function one(product: string, installed: string, opts: RunOptions = {}): Finding {
  const [f, ...rest] = run([host({ [product]: installed })], opts);
  expect(rest).toEqual([]);
  if (!f) throw new Error('no finding');
  return f;
}

// NOW is 2026-08-22T12:00Z. Grace: 14 days, 3 when exploited; Chrome 7 days.
describe('evaluate: one verdict per status', () => {
  it.each<[string, string, string, Partial<Finding>]>([
    [
      'latest of its major',
      'macos',
      '15.7.9',
      { status: 'current', track: '15', required: '15.7.9', deadline: null },
    ],
    [
      'latest, with its build',
      'macos',
      '15.7.9 (24G830)',
      { status: 'current', required: '15.7.9' },
    ],
    // Lacks 15.7.9 (2026-08-06, exploited): deadline 08-09, 13.5 days ago.
    [
      'one release behind an exploited fix',
      'macos',
      '15.7.8',
      {
        status: 'overdue',
        required: '15.7.9',
        requiredReleasedAt: iso('2026-08-06'),
        deadline: iso('2026-08-09'),
        daysOverdue: 13,
        exploitedCves: ['CVE-2026-65400'],
        cveCount: 1,
      },
    ],
    // Lacks 15.7.8 (07-27 + 14 = 08-10) and 15.7.9 (08-06 + 3 = 08-09): the exploited fix is due first.
    [
      'two releases behind',
      'macos',
      '15.7.7',
      { status: 'overdue', deadline: iso('2026-08-09'), daysOverdue: 13, cveCount: 4 },
    ],
    // Lacks 26.6.2 (08-17 + 14 = 08-31).
    [
      'inside the grace period',
      'macos',
      '26.6.1',
      {
        status: 'pending',
        track: '26',
        required: '26.6.2',
        deadline: iso('2026-08-31'),
        daysOverdue: 0,
        exploitedCves: [],
        cveCount: 1,
      },
    ],
    [
      'a major the feed no longer lists',
      'macos',
      '12.7.6',
      { status: 'unsupported', track: '12', required: '14.8.9', deadline: null },
    ],
    [
      'a major the feed marks unsupported',
      'macos',
      '13.7.8',
      { status: 'unsupported', track: '13', required: '14.8.9' },
    ],
    [
      'an unreadable version',
      'macos',
      '15.7.x',
      { status: 'unknown', required: null, track: null },
    ],
    ['a major newer than the feed knows', 'macos', '27.0', { status: 'unknown', required: null }],
    // Stable .138 came out 08-19 + 7 = 08-26.
    [
      'Chrome inside grace',
      'chrome',
      '139.0.7258.127',
      {
        status: 'pending',
        track: 'stable',
        required: '139.0.7258.138',
        deadline: iso('2026-08-26'),
        cveCount: 2,
      },
    ],
    ['Chrome current', 'chrome', '139.0.7258.138', { status: 'current', track: 'stable' }],
    // A browser does not report its channel: an extended host is held to stable (.127: 08-12 + 7).
    [
      'Chrome on extended, judged on stable',
      'chrome',
      '138.0.7204.235',
      { status: 'overdue', deadline: iso('2026-08-19'), daysOverdue: 3 },
    ],
    ['Chrome version with three parts', 'chrome', '139.0.7258', { status: 'unknown' }],
    // Its feed fails: even the latest version is unknown, never current nor overdue.
    [
      'a failing feed',
      'firefox',
      '142.0.1',
      { status: 'unknown', reason: `feed firefox failed: ${FIREFOX_DOWN}` },
    ],
    ['a failing feed, old version', 'firefox', '128.0', { status: 'unknown', required: null }],
    // No release date: 4.46.99 was first seen 08-20T06:00 + 14 days. One track: no track name.
    [
      'a single-track product without dates',
      'slack',
      '4.46.98',
      {
        status: 'pending',
        track: null,
        requiredReleasedAt: '2026-08-20T06:00:00.000Z',
        deadline: '2026-09-03T06:00:00.000Z',
      },
    ],
  ])('%s: %s %s', (_name, product, installed, expected) => {
    expect(one(product, installed)).toMatchObject({
      product,
      installed,
      hostId: 'h1',
      ...expected,
    });
  });

  it.each<[string, RegExp]>([
    [
      '15.7.8',
      /^macOS 15\.7\.8 is 13 days overdue for 15\.7\.9 \(fixes actively exploited CVE-2026-65400\)$/,
    ],
    ['26.6.1', /^macOS 26\.6\.1 should be updated to 26\.6\.2 by 2026-08-31$/],
    ['15.7.9', /^macOS 15\.7\.9 meets the latest macOS Sequoia 15 release \(15\.7\.9\)$/],
    [
      '12.7.6',
      /^macOS 12 is no longer supported: upgrade required \(to macOS Sonoma 14 \(14\.8\.9\) or later\)$/,
    ],
    ['15.7.x', /^installed macOS version "15\.7\.x" cannot be read: apple-os: part 3 "x"/],
  ])('says why in words: macOS %s', (installed, reason) => {
    expect(one('macos', installed).reason).toMatch(reason);
  });
});

describe('evaluate: grace periods', () => {
  const quiet = RELEASES.map((r) =>
    r.version === '15.7.9' ? { ...r, exploitedCves: [] as string[] } : r,
  );
  // 15.7.9 came out 08-06. Exploited: due 08-09; not exploited: due 08-20.
  it.each<[string, readonly (typeof RELEASES)[number][], string, Partial<Finding>]>([
    [
      'exploited fix, 3 days grace',
      RELEASES,
      '2026-08-12T12:00:00Z',
      { status: 'overdue', daysOverdue: 3, deadline: iso('2026-08-09') },
    ],
    [
      'plain fix, 14 days grace',
      quiet,
      '2026-08-12T12:00:00Z',
      { status: 'pending', daysOverdue: 0, deadline: iso('2026-08-20') },
    ],
    [
      'plain fix, once the grace ends',
      quiet,
      '2026-08-20T00:00:00Z',
      { status: 'overdue', daysOverdue: 0 },
    ],
    ['plain fix, the day before', quiet, '2026-08-19T23:59:59Z', { status: 'pending' }],
  ])('%s', (_name, releases, now, expected) => {
    const f = one('macos', '15.7.8', { now: new Date(now), cat: catalog(releases) });
    expect(f).toMatchObject(expected);
  });

  it('a product override replaces the grace period (08-19 + 10 days)', () => {
    expect(one('chrome', '139.0.7258.127', { pol: { chrome: { graceDays: 10 } } }).deadline).toBe(
      iso('2026-08-29'),
    );
  });
});
