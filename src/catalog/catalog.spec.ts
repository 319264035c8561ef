import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogInput, type StoredRelease } from './catalog.js';
import { mergeRelease } from './merge.js';
import { ageText, feedStaleness, type FeedHealth } from './staleness.js';
import { compareVersions } from './versions/api.js';

const NOW = new Date('2026-08-22T12:00:00Z');
const DAY = 86_400_000;

function rel(track: string, version: string, over: Partial<StoredRelease> = {}): StoredRelease {
  return {
    product: 'macos',
    track,
    version,
    build: null,
    releasedAt: null,
    cves: [],
    exploitedCves: [],
    url: null,
    feed: 'sofa-macos',
    firstSeenAt: '2026-08-01T00:00:00.000Z',
    ...over,
  };
}

function feed(over: Partial<FeedHealth> = {}): FeedHealth {
  return {
    name: 'sofa-macos',
    maxAgeMs: 2 * DAY,
    lastSuccessAt: '2026-08-22T06:00:00.000Z',
    lastAttemptAt: '2026-08-22T06:00:00.000Z',
    lastError: null,
    ...over,
  };
}

function input(releases: StoredRelease[], feeds: FeedHealth[] = [feed()]): CatalogInput {
  const tracks = [...new Set(releases.map((r) => r.track))].map((id) => ({
    product: 'macos',
    id,
    name: `macOS ${id}`,
    supported: true,
    feed: 'sofa-macos',
  }));
  return {
    products: [{ id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' }],
    tracks,
    releases,
    feeds,
  };
}

describe('buildCatalog', () => {
  it('picks the highest version of each track by the product scheme, newest track first', () => {
    const entries = buildCatalog(
      input([
        rel('15', '15.7.9'),
        rel('15', '15.10'),
        rel('15', '15.7.10'),
        rel('26', '26.0'),
        rel('26', '26.0.1'),
      ]),
      NOW,
      compareVersions,
    );
    expect(entries.map((e) => [e.track, e.version])).toEqual([
      ['26', '26.0.1'],
      ['15', '15.10'],
    ]);
  });

  it('prefers a parseable version over an unparseable one', () => {
    const [e] = buildCatalog(
      input([rel('15', 'garbage', { releasedAt: '2026-09-01T00:00:00.000Z' }), rel('15', '15.1')]),
      NOW,
      compareVersions,
    );
    expect(e?.version).toBe('15.1');
  });

  it('marks a track stale when any feed that reported into it is stale', () => {
    const releases = [rel('15', '15.7'), rel('15', '15.6', { feed: 'mirror' })];
    const feeds = [feed(), feed({ name: 'mirror', lastError: 'answered 500' })];
    const [e] = buildCatalog(input(releases, feeds), NOW, compareVersions);
    expect(e).toMatchObject({ stale: true, staleReason: 'feed mirror failed: answered 500' });
  });
});

describe('feedStaleness', () => {
  it.each([
    ['fresh', feed(), false],
    ['failed last time', feed({ lastError: 'timeout' }), true],
    ['never synced', feed({ lastSuccessAt: null }), true],
    ['older than max age', feed({ lastSuccessAt: '2026-08-20T11:00:00.000Z' }), true],
    ['just inside max age', feed({ lastSuccessAt: '2026-08-20T12:00:00.000Z' }), false],
  ])('%s', (_name, f, stale) => {
    expect(feedStaleness(f, NOW).stale).toBe(stale);
  });

  it.each([
    [49 * 3_600_000, '49h'],
    [96 * 3_600_000, '96h'],
    [97 * 3_600_000, '4 days'],
    [44_442 * 3_600_000, '1852 days'],
  ])('words an age of %i ms as %s', (ms, text) => {
    expect(ageText(ms)).toBe(text);
  });

  it('says how old a stale read is, in days past four days', () => {
    const old = feed({ lastSuccessAt: '2026-07-25T12:00:00.000Z' });
    expect(feedStaleness(old, NOW).reason).toMatch(/last synced 28 days ago \(max age \d+h\)$/);
  });
});

describe('mergeRelease', () => {
  const known = rel('15', '15.7', { build: '24G830', cves: ['CVE-1'] });
  it('returns null when nothing new is said', () => {
    expect(mergeRelease(known, rel('15', '15.7', { cves: ['CVE-1'] }))).toBeNull();
  });
  it('adds CVEs and fills gaps, never erasing', () => {
    expect(
      mergeRelease(
        known,
        rel('15', '15.7', {
          build: 'other',
          cves: ['CVE-2'],
          exploitedCves: ['CVE-2'],
          url: 'https://x',
        }),
      ),
    ).toMatchObject({
      build: '24G830',
      cves: ['CVE-1', 'CVE-2'],
      exploitedCves: ['CVE-2'],
      url: 'https://x',
    });
  });
});
