import { describe, expect, it } from 'vitest';
import type { CatalogInput, StoredRelease, StoredTrack } from '../catalog/catalog.js';
import { versionSchemes } from '../catalog/versions/api.js';
import { rel } from './__fixtures__/catalog.js';
import { evaluate, type EvaluationHost } from './evaluate.js';
import type { Finding } from './model.js';
import { DEFAULT_POLICY } from './policy.js';
import { trackForVersion, tracksForPlatform, type TrackLatest } from './track-of-host.js';
import { TtiTally, unsupportedTracksOf } from './tti-tally.js';

// Chrome stable as VersionHistory served it: mac (captured 2026-09-18) and win (2026-09-27),
// chrome/__fixtures__. The Windows channel is a release ahead of the Mac one.
const MAC = '153.0.8010.53';
const WIN = '154.0.8037.58';
const MAC_AT = '2026-09-17T18:50:18.598Z';
const WIN_AT = '2026-09-22T18:08:40.926Z';

const chrome = (track: string, version: string, at: string): StoredRelease =>
  rel('chrome', track, version, null, { releasedAt: at });
const track = (id: string, name: string): StoredTrack => ({
  product: 'chrome',
  id,
  name,
  supported: true,
  feed: 'chrome',
});

/** Chrome with a Mac and a Windows stable track; `swap` puts the newer release on the Mac. */
function catalog(swap = false, windows = true): CatalogInput {
  const [mac, win] = swap ? [WIN, MAC] : [MAC, WIN];
  const [macAt, winAt] = swap ? [WIN_AT, MAC_AT] : [MAC_AT, WIN_AT];
  return {
    products: [{ id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' }],
    tracks: [
      track('stable', 'Stable'),
      ...(windows ? [track('stable/windows', 'Stable (Windows)')] : []),
    ],
    releases: [
      chrome('stable', mac, macAt),
      ...(windows ? [chrome('stable/windows', win, winAt)] : []),
    ],
    feeds: [
      {
        name: 'chrome',
        maxAgeMs: 86_400_000 * 30,
        lastSuccessAt: '2026-09-27T06:00:00.000Z',
        lastAttemptAt: '2026-09-27T06:00:00.000Z',
        lastError: null,
      },
    ],
  };
}

const CHROME = { id: 'chrome', name: 'Google Chrome' };
const POLICIES = { default: DEFAULT_POLICY, products: { chrome: { graceDays: 7 } } };

function host(id: string, platform: string, version: string): EvaluationHost {
  return {
    id,
    serial: null,
    platform,
    ownerEmail: null,
    active: true,
    products: { chrome: version },
  };
}

function judge(platform: string, version: string, now: string, cat = catalog()): Finding {
  const [f] = evaluate({
    hosts: [host('h1', platform, version)],
    catalog: cat,
    policies: POLICIES,
    now: new Date(now),
  });
  if (!f) throw new Error('no finding');
  return f;
}

describe('tracksForPlatform', () => {
  const PER_PLATFORM = [
    { track: 'stable', version: MAC },
    { track: 'stable/windows', version: WIN },
  ];
  it.each([
    ['a Mac', 'macos', ['stable'], null],
    ['a Windows host', 'windows', ['stable/windows'], null],
    ['a Windows host, whatever the case', 'Windows', ['stable/windows'], null],
    ['a Linux host (no Linux track)', 'linux', ['stable'], 'no Linux Google Chrome release'],
    ['a host of unknown platform', 'unknown', ['stable'], 'platform is not known'],
  ])('%s follows %j', (_label, platform, want, note) => {
    const scope = tracksForPlatform(PER_PLATFORM, platform, CHROME);
    expect(scope.tracks.map((t) => t.track)).toEqual(want);
    if (note === null) expect(scope.note).toBeNull();
    else expect(scope.note).toContain(note);
  });

  it('falls back, saying so, when the platform has only a preview channel (no stable)', () => {
    // As in an Edge products answer that lists Beta and Dev for Windows but no Stable: judging
    // a Windows host on Stable against the newest preview (Dev) would call every one behind.
    const partial = [
      { track: 'stable', version: MAC },
      { track: 'beta/windows', version: '154.0.8037.44' },
      { track: 'dev/windows', version: '155.0.8060.2' },
    ];
    const scope = tracksForPlatform(partial, 'windows', CHROME);
    expect(scope.tracks.map((t) => t.track)).toEqual(['stable']);
    expect(scope.note).toContain('no Windows Google Chrome stable release');
    expect(scope.key).toBe('fallback:windows');
    // TTI places a Windows host the same way, through the same function.
    const tti = new TtiTally({
      releases: [
        chrome('stable', MAC, MAC_AT),
        chrome('beta/windows', '154.0.8037.44', WIN_AT),
        chrome('dev/windows', '155.0.8060.2', WIN_AT),
      ],
      scheme: 'chrome',
      now: new Date('2026-09-27T00:00:00Z'),
    });
    tti.addHost(
      [{ version: '152.0.7977.83', firstObservedAt: '2026-09-01T00:00:00Z' }],
      null,
      'windows',
    );
    const needing = tti
      .stats()
      .filter((r) => r.hostsNeeding > 0)
      .map((r) => r.track);
    expect(needing).toEqual(['stable']);
  });

  it('does not follow platform tracks the feeds no longer list (win64 taken out of config)', () => {
    // The store keeps an unlisted track's last release, marked unsupported: a Windows host
    // judged on it would meet a target frozen at the day the platform stopped being read.
    const cat = catalog();
    const stale: CatalogInput = {
      ...cat,
      tracks: cat.tracks.map((t) => (t.id === 'stable/windows' ? { ...t, supported: false } : t)),
    };
    const f = judge('windows', MAC, '2026-10-05T12:00:00Z', stale);
    expect([f.status, f.track]).toEqual(['current', 'stable']);
    expect(f.reason).toContain('judged against the macOS releases');
    // Time-to-install places the host in the same track, told the same tracks ended (as the
    // TTI report and its control-group pass read them from the catalog).
    expect(unsupportedTracksOf(stale, 'chrome')).toEqual(['stable/windows']);
    const tti = new TtiTally({
      releases: stale.releases,
      scheme: 'chrome',
      now: new Date('2026-10-05T12:00:00Z'),
      unsupportedTracks: unsupportedTracksOf(stale, 'chrome'),
    });
    tti.addHost(
      [{ version: '152.0.7977.83', firstObservedAt: '2026-09-01T00:00:00Z' }],
      null,
      'windows',
    );
    expect(
      tti
        .stats()
        .filter((r) => r.hostsNeeding > 0)
        .map((r) => r.track),
    ).toEqual(['stable']);
  });

  it('leaves a product without per-platform tracks alone, whatever the host', () => {
    const firefox = [
      { track: 'release', version: '145.0.1' },
      { track: 'esr', version: '140.5.0' },
    ];
    for (const platform of ['macos', 'windows', 'linux', 'unknown']) {
      expect(
        tracksForPlatform(firefox, platform, { id: 'firefox', name: 'Mozilla Firefox' }),
      ).toEqual({
        tracks: firefox,
        key: '',
        note: null,
      });
    }
  });
});

// Windows releases 2026-09-22 with 7 days' grace: due 09-29.
describe('a host is judged against its own platform releases', () => {
  it.each<[string, string, string, string, boolean, Partial<Finding>]>([
    // At the Mac release but behind the Windows one: a Windows host must update.
    [
      'Windows, at the Mac release, in grace',
      'windows',
      MAC,
      '2026-09-25T12:00:00Z',
      false,
      {
        status: 'pending',
        track: 'stable/windows',
        required: WIN,
        deadline: '2026-09-29T18:08:40.926Z',
      },
    ],
    [
      'Windows, at the Mac release, past grace',
      'windows',
      MAC,
      '2026-10-05T12:00:00Z',
      false,
      {
        status: 'overdue',
        track: 'stable/windows',
        required: WIN,
        daysOverdue: 5,
      },
    ],
    [
      'a Mac at the Mac release',
      'macos',
      MAC,
      '2026-10-05T12:00:00Z',
      false,
      {
        status: 'current',
        track: 'stable',
        required: MAC,
      },
    ],
    // Vice versa: the Mac channel ahead; a Mac at the Windows release is behind.
    [
      'a Mac at the Windows release, past grace',
      'macos',
      MAC,
      '2026-10-05T12:00:00Z',
      true,
      {
        status: 'overdue',
        track: 'stable',
        required: WIN,
      },
    ],
    [
      'Windows at the Windows release',
      'windows',
      MAC,
      '2026-10-05T12:00:00Z',
      true,
      {
        status: 'current',
        track: 'stable/windows',
        required: MAC,
      },
    ],
  ])('%s', (_label, platform, version, now, swap, want) => {
    const f = judge(platform, version, now, catalog(swap));
    expect(f).toMatchObject(want);
    expect(f.reason).not.toContain('macOS releases');
  });

  it('falls back to the Mac track when the feed has no release for the platform, and says so', () => {
    const f = judge('linux', '152.0.7977.83', '2026-10-05T12:00:00Z');
    expect(f).toMatchObject({ status: 'overdue', track: 'stable', required: MAC });
    expect(f.reason).toContain(
      'judged against the macOS releases: the feeds list no Linux Google Chrome release',
    );
    const current = judge('linux', MAC, '2026-10-05T12:00:00Z');
    expect(current.status).toBe('current');
    expect(current.reason).toMatch(/meets .*; judged against the macOS releases/);
  });

  it('says so when the feed read macOS alone (Chrome ships per platform)', () => {
    const f = judge('windows', '152.0.7977.83', '2026-10-05T12:00:00Z', catalog(false, false));
    expect(f).toMatchObject({ status: 'overdue', required: MAC });
    expect(f.reason).toContain('the feeds list no Windows Google Chrome release');
    expect(
      judge('macos', '152.0.7977.83', '2026-10-05T12:00:00Z', catalog(false, false)).reason,
    ).not.toContain('macOS releases');
  });

  it('does not share a verdict between a Mac and a Windows host on one version', () => {
    const findings = evaluate({
      hosts: [host('mac', 'macos', MAC), host('win', 'windows', MAC), host('lin', 'linux', MAC)],
      catalog: catalog(),
      policies: POLICIES,
      now: new Date('2026-10-05T12:00:00Z'),
    });
    expect(findings.map((f) => [f.hostId, f.status, f.track])).toEqual([
      ['mac', 'current', 'stable'],
      ['win', 'overdue', 'stable/windows'],
      ['lin', 'current', 'stable'],
    ]);
  });
});

describe('time-to-install places hosts in the track compliance does', () => {
  const NOW = new Date('2026-10-05T12:00:00Z');
  // Every host ran 152 from 09-01 and has not updated.
  const OLD = '152.0.7977.83';
  const cases = [
    ['macos', MAC],
    ['windows', MAC],
    ['windows', OLD],
    ['linux', OLD],
    ['unknown', OLD],
    ['macos', OLD],
  ] as const;

  it.each(cases)('a %s host on %s', (platform, version) => {
    const cat = catalog();
    const finding = judge(platform, version, NOW.toISOString(), cat);
    const tally = new TtiTally({ releases: cat.releases, scheme: 'chrome', now: NOW });
    tally.addHost([{ version, firstObservedAt: '2026-09-01T00:00:00.000Z' }], null, platform);
    const needing = tally
      .stats()
      .filter((s) => s.hostsNeeding > 0)
      .map((s) => s.track);
    // The host needs a release of its own track only, and only if it is behind it.
    if (finding.status === 'current') expect(needing).toEqual([]);
    else expect(needing).toEqual([finding.track]);
  });

  it('trackForVersion on the scoped tracks gives the finding track (same function, same scope)', () => {
    const latest: TrackLatest[] = [
      { track: 'stable', version: MAC },
      { track: 'stable/windows', version: WIN },
    ];
    const parsed = versionSchemes.chrome.parse(OLD);
    if (!parsed.ok) throw new Error(parsed.error);
    for (const [platform] of cases) {
      const scope = tracksForPlatform(latest, platform, CHROME);
      const placed = trackForVersion('chrome', parsed.value, scope.tracks);
      expect(placed).toBe(judge(platform, OLD, NOW.toISOString()).track);
    }
  });
});
