import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedHttp } from '../types.js';
import { SofaMacosSource, parseSofaMacos } from './index.js';

// The real feeds (~0.5 MB each) are read from the copies the feed stand-in serves, not copied again.
const SHARED = new URL('../../../../sandbox/feeds/data/sofa/', import.meta.url);
const loadText = (name: string): string => readFileSync(new URL(name, SHARED), 'utf8');

interface Entry {
  OSVersion: string;
  Latest: { ProductVersion: string; Build: string; CVEs: object; ActivelyExploitedCVEs: string[] };
  SecurityReleases: Record<string, unknown>[];
}
const currentText = loadText('v1-macos_data_feed.json');
const current = JSON.parse(currentText) as { OSVersions: Entry[] };
const april = JSON.parse(loadText('v1-macos_data_feed.2026-04.json')) as { OSVersions: Entry[] };
const parsed = parseSofaMacos(current, 'sofa-macos');

function fakeHttp(body: string, notModified: boolean): FeedHttp & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    getText: (url) => {
      urls.push(url);
      return Promise.resolve({ url, body, notModified });
    },
  };
}

describe('parseSofaMacos on the real feed', () => {
  it('yields the macOS product and a track per major, named as SOFA names it', () => {
    expect(parsed.products).toEqual([
      { id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' },
    ]);
    expect(parsed.tracks.map((t) => [t.id, t.name])).toEqual([
      ['26', 'Tahoe 26'],
      ['15', 'Sequoia 15'],
      ['14', 'Sonoma 14'],
      ['13', 'Ventura 13'],
      ['12', 'Monterey 12'],
    ]);
    expect(parsed.issues).toEqual([]);
  });

  it.each(current.OSVersions.map((e) => [e.OSVersion, e] as const))(
    '%s: the Latest release is there with its build, CVEs and exploited CVEs',
    (_name, entry) => {
      const track = /(\d+)$/.exec(entry.OSVersion)?.[1];
      const hits = parsed.releases.filter(
        (r) => r.track === track && r.version === entry.Latest.ProductVersion,
      );
      expect(hits).toHaveLength(1);
      expect(hits[0]?.build).toBe(entry.Latest.Build);
      expect(hits[0]?.cves).toHaveLength(Object.keys(entry.Latest.CVEs).length);
      expect(hits[0]?.exploitedCves).toHaveLength(entry.Latest.ActivelyExploitedCVEs.length);
    },
  );

  it('lists each (track, version) once, one per security release of that major', () => {
    const keys = parsed.releases.map((r) => `${r.track}/${r.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    const total = current.OSVersions.reduce((n, e) => n + e.SecurityReleases.length, 0);
    expect(parsed.releases).toHaveLength(total);
  });

  it('keeps dates as ISO UTC, CVE ids sorted, and no link where SOFA has none', () => {
    const tahoe = parsed.releases.find((r) => r.version === '26.6.2');
    expect(tahoe).toMatchObject({
      releasedAt: '2026-08-17T00:00:00.000Z',
      url: 'https://support.apple.com/en-us/148281',
    });
    expect(tahoe?.cves).toEqual([...(tahoe?.cves ?? [])].sort());
    // macOS 12.0's SecurityInfo is "" in the feed.
    expect(parsed.releases.find((r) => r.version === '12.0')?.url).toBeNull();
  });

  it('shows a new release between the April feed and the current one', () => {
    const before = parseSofaMacos(april, 'sofa-macos');
    const versionsBefore = new Set(before.releases.map((r) => r.version));
    const added = parsed.releases.filter((r) => !versionsBefore.has(r.version));
    expect(before.releases.length).toBeLessThan(parsed.releases.length);
    expect(added.map((r) => r.version)).toContain('26.6.2');
    expect(before.releases.find((r) => r.track === '26' && r.build !== null)?.version).toBe(
      '26.4.1',
    );
  });
});

describe('parseSofaMacos on bad input', () => {
  it.each([
    ['ReleaseDate', (r: Record<string, unknown>) => (r.ReleaseDate = 'not-a-date')],
    ['ProductVersion', (r: Record<string, unknown>) => delete r.ProductVersion],
  ])('a release with a bad %s is one issue naming it; the rest survive', (field, spoil) => {
    const doc = structuredClone(current);
    const victim = doc.OSVersions[1]?.SecurityReleases[3];
    if (!victim) throw new Error('fixture changed: no OSVersions[1].SecurityReleases[3]');
    const lostVersion = victim.ProductVersion;
    spoil(victim);
    const res = parseSofaMacos(doc, 'sofa-macos');
    expect(res.issues).toEqual([
      expect.objectContaining({
        source: 'sofa-macos',
        record: 'OSVersions[1].SecurityReleases[3]',
        field,
      }),
    ]);
    expect(res.releases).toHaveLength(parsed.releases.length - 1);
    expect(res.releases.some((r) => r.track === '15' && r.version === lostVersion)).toBe(false);
    expect(res.tracks).toHaveLength(5);
  });

  it('skips a security release filed under another major', () => {
    const doc = structuredClone(current);
    const sequoia = doc.OSVersions[1];
    const stray = current.OSVersions[2]?.SecurityReleases[0];
    if (!sequoia || !stray) throw new Error('fixture changed');
    sequoia.SecurityReleases.push(stray);
    const res = parseSofaMacos(doc, 'sofa-macos');
    expect(
      res.releases.filter((r) => r.track === '15').every((r) => r.version.startsWith('15.')),
    ).toBe(true);
    expect(res.releases).toHaveLength(parsed.releases.length);
  });

  it('keeps a Latest that SecurityReleases does not list, with its build', () => {
    const doc = structuredClone(current);
    const tahoe = doc.OSVersions[0];
    if (!tahoe) throw new Error('fixture changed');
    tahoe.SecurityReleases.shift();
    const res = parseSofaMacos(doc, 'sofa-macos');
    expect(res.releases.find((r) => r.version === tahoe.Latest.ProductVersion)?.build).toBe(
      tahoe.Latest.Build,
    );
  });

  it('lists a model once when its key repeats after trimming, and skips an empty one', () => {
    const entry = { MarketingName: 'MacBook Pro', OSVersions: [26, 15] };
    const res = parseSofaMacos(
      { OSVersions: [], Models: { 'Mac14,10': entry, ' Mac14,10 ': entry, ' ': entry } },
      'sofa-macos',
    );
    expect(res.models?.map((m) => m.model)).toEqual(['Mac14,10']);
    expect(res.issues).toEqual([
      expect.objectContaining({
        record: 'Models. Mac14,10 ',
        message: 'model Mac14,10 is listed twice',
      }),
      expect.objectContaining({ record: 'Models. ', message: 'empty model identifier' }),
    ]);
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['no OSVersions', { UpdateHash: 'x' }],
  ])('rejects %s as a whole with E_FEED_PARSE', (_label, doc) => {
    expect(() => parseSofaMacos(doc, 'sofa-macos')).toThrow(
      expect.objectContaining({
        code: 'E_FEED_PARSE',
        details: { feed: 'sofa-macos', field: 'OSVersions' },
      }),
    );
  });
});

describe('SofaMacosSource', () => {
  const source = new SofaMacosSource();

  it('has the id of its folder, the public URL and a two-day max age', () => {
    expect([source.id, SofaMacosSource.id]).toEqual(['sofa-macos', 'sofa-macos']);
    expect(source.defaultUrl).toBe('https://sofa.macadmins.io/v1/macos_data_feed.json');
    expect(source.defaultMaxAgeMs).toBe(172_800_000);
  });

  it.each([true, false])('reads ctx.url and passes notModified=%s through', async (notModified) => {
    const http = fakeHttp(currentText, notModified);
    const res = await source.read({
      name: 'sofa-macos',
      url: 'http://feeds.test/macos.json',
      options: {},
      http,
    });
    expect(http.urls).toEqual(['http://feeds.test/macos.json']);
    expect(res.notModified).toBe(notModified);
    expect(res.releases).toHaveLength(parsed.releases.length);
  });

  it('fails a truncated body with E_FEED_PARSE', async () => {
    const http = fakeHttp(currentText.slice(0, 1000), false);
    const read = source.read({ name: 'sofa-macos', url: 'http://x.test/', options: {}, http });
    await expect(read).rejects.toBeInstanceOf(PatchbayError);
    await expect(read).rejects.toMatchObject({ code: 'E_FEED_PARSE' });
  });
});
