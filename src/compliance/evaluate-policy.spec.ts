import { describe, expect, it } from 'vitest';
import { catalog, host, iso, run, type RunOptions } from './__fixtures__/catalog.js';
import type { Finding } from './model.js';

function one(product: string, installed: string, opts: RunOptions = {}): Finding | undefined {
  return run([host({ [product]: installed })], opts)[0];
}

// NOW is 2026-08-22T12:00Z. Grace: 14 days, 3 when exploited; Chrome 7 days.
describe('evaluate: targets', () => {
  const latest = { macos: { target: 'latest' as const } };
  const minMac = { macos: { target: 'minimum' as const, minimum: '15.7.8' } };
  const minChrome = {
    chrome: { target: 'minimum' as const, minimum: '139.0.7258.138', graceDays: 7 },
  };
  it.each<[string, string, string, RunOptions['pol'], Partial<Finding>]>([
    // Lacks 26.6 (07-27 + 14 = 08-10), 26.6.1 (08-06 + 3 = 08-09), 26.6.2 (08-17 + 14).
    [
      'latest: the top of another major',
      'macos',
      '15.7.9',
      latest,
      {
        status: 'overdue',
        track: '15',
        required: '26.6.2',
        deadline: iso('2026-08-09'),
        daysOverdue: 13,
        exploitedCves: ['CVE-2026-65400'],
        cveCount: 4,
      },
    ],
    ['latest: on it', 'macos', '26.6.2', latest, { status: 'current', required: '26.6.2' }],
    ['minimum: met exactly', 'macos', '15.7.8', minMac, { status: 'current', required: '15.7.8' }],
    [
      'minimum: above it, below the latest',
      'macos',
      '15.7.8 (24G720)',
      minMac,
      { status: 'current' },
    ],
    // 15.7.8 (07-27, no exploited CVE) + 14 = 08-10.
    [
      'minimum: below it',
      'macos',
      '15.7.7',
      minMac,
      {
        status: 'overdue',
        required: '15.7.8',
        deadline: iso('2026-08-10'),
        daysOverdue: 12,
        cveCount: 3,
      },
    ],
    // From another major: lacks 15.7.7 and 15.7.8 (4 CVEs); the clock is still 15.7.8's.
    [
      'minimum: from an older major',
      'macos',
      '14.8.9',
      minMac,
      { status: 'overdue', track: '14', deadline: iso('2026-08-10'), cveCount: 4 },
    ],
    // .127 (08-12) was never required by this minimum: the clock starts at .138 (08-19 + 7).
    [
      'minimum: the clock starts at the first release that meets it',
      'chrome',
      '139.0.7258.100',
      minChrome,
      { status: 'pending', required: '139.0.7258.138', deadline: iso('2026-08-26'), cveCount: 3 },
    ],
    [
      'minimum: unreadable',
      'chrome',
      '139.0.7258.100',
      { chrome: { target: 'minimum', minimum: '139' } },
      { status: 'unknown', required: null },
    ],
    [
      'minimum: no known release reaches it',
      'chrome',
      '139.0.7258.100',
      { chrome: { target: 'minimum', minimum: '140.0.7300.1' } },
      { status: 'unknown' },
    ],
  ])('%s: %s %s', (_name, product, installed, pol, expected) => {
    expect(one(product, installed, { pol })).toMatchObject(expected);
  });

  it('names the unreadable minimum', () => {
    const f = one('chrome', '139.0.7258.100', {
      pol: { chrome: { target: 'minimum', minimum: '139' } },
    });
    expect(f?.reason).toMatch(/^the Google Chrome policy minimum "139" cannot be read: chrome:/);
  });
});

describe('evaluate: stale feeds give unknown, never a reminder', () => {
  it.each<[string, Parameters<typeof catalog>[1], string, RegExp]>([
    [
      'failed',
      { 'sofa-macos': { lastError: 'HTTP 502' } },
      '15.7.8',
      /^feed sofa-macos failed: HTTP 502$/,
    ],
    [
      'never synced',
      { 'sofa-macos': { lastSuccessAt: null } },
      '15.7.8',
      /^feed sofa-macos has never synced$/,
    ],
    // 84 hours old against a 2-day max age.
    [
      'too old',
      { 'sofa-macos': { lastSuccessAt: '2026-08-19T00:00:00.000Z' } },
      '15.7.8',
      /last synced 84h ago \(max age 48h\)/,
    ],
    // A stale feed cannot declare a major's end of life either.
    [
      'failed, old major',
      { 'sofa-macos': { lastError: 'HTTP 502' } },
      '12.7.6',
      /^feed sofa-macos failed/,
    ],
  ])('%s: macOS %s', (_name, feeds, installed, reason) => {
    const f = one('macos', installed, { cat: catalog(undefined, feeds) });
    expect(f).toMatchObject({ status: 'unknown', required: null, deadline: null });
    expect(f?.reason).toMatch(reason);
  });

  it('a stale feed of one product leaves the others judged', () => {
    const f = run([host({ macos: '15.7.8', firefox: '128.0' })]);
    expect(f.map((x) => [x.product, x.status])).toEqual([
      ['firefox', 'unknown'],
      ['macos', 'overdue'],
    ]);
  });
});

describe('evaluate: which host x product gets a finding', () => {
  const mac = host({ macos: '15.7.8', chrome: '139.0.7258.127', zoom: '6.4.6.53970' });
  const win = host(
    { chrome: '139.0.7258.127' },
    { id: 'h2', platform: 'windows', serial: null, ownerEmail: 'bob@example.com' },
  );
  it.each<[string, EvaluationHostList, RunOptions['pol'], string[]]>([
    ['every product the catalog knows, by product id', [mac], {}, ['h1:chrome', 'h1:macos']],
    ['inactive hosts are skipped', [{ ...mac, active: false }, win], {}, ['h2:chrome']],
    [
      'excluded by serial, any case',
      [mac],
      { macos: { exclude: ['c02xk1jhjg5j'] } },
      ['h1:chrome'],
    ],
    [
      'excluded by owner email, any case',
      [mac, win],
      { chrome: { exclude: ['Ada@Example.com'] } },
      ['h1:macos', 'h2:chrome'],
    ],
    [
      'scoped to a platform',
      [mac, win],
      { chrome: { platforms: ['macos'] } },
      ['h1:chrome', 'h1:macos'],
    ],
    [
      'scoped to another platform',
      [mac, win],
      { chrome: { platforms: ['windows'] } },
      ['h1:macos', 'h2:chrome'],
    ],
  ])('%s', (_name, hosts, pol, expected) => {
    expect(run([...hosts], { pol }).map((f) => `${f.hostId}:${f.product}`)).toEqual(expected);
  });
});

type EvaluationHostList = readonly ReturnType<typeof host>[];
