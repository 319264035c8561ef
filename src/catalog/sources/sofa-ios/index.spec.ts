import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeedHttp } from '../types.js';
import { SofaIosSource, parseSofaIos } from './index.js';

// The real feed is the copy the feed stand-in serves (sandbox/feeds/data/sofa, see its SOURCES.md).
const FEED = new URL('../../../../sandbox/feeds/data/sofa/v1-ios_data_feed.json', import.meta.url);
const text = readFileSync(FEED, 'utf8');

interface Entry {
  OSVersion: string;
  Latest: { ProductVersion: string; Build: string; CVEs: object; ActivelyExploitedCVEs: string[] };
  SecurityReleases: Record<string, unknown>[];
}
const feed = JSON.parse(text) as { OSVersions: Entry[] };
const parsed = parseSofaIos(feed, 'sofa-ios');

describe('parseSofaIos on the real feed', () => {
  it('yields the iOS product and a track per major, named with the product', () => {
    expect(parsed.products).toEqual([
      { id: 'ios', name: 'iOS', platform: 'ios', scheme: 'apple-os' },
    ]);
    expect(parsed.tracks).toEqual([
      { product: 'ios', id: '26', name: 'iOS 26' },
      { product: 'ios', id: '18', name: 'iOS 18' },
      { product: 'ios', id: '17', name: 'iOS 17' },
    ]);
    expect(parsed.issues).toEqual([]);
  });

  it.each(feed.OSVersions.map((e) => [e.OSVersion, e] as const))(
    'iOS %s: the Latest release is there with its build (placeholder kept), CVEs and exploited CVEs',
    (track, entry) => {
      const hits = parsed.releases.filter(
        (r) => r.track === track && r.version === entry.Latest.ProductVersion,
      );
      expect(hits).toHaveLength(1);
      expect(hits[0]?.build).toBe(entry.Latest.Build);
      expect(hits[0]?.cves).toHaveLength(Object.keys(entry.Latest.CVEs).length);
      expect(hits[0]?.exploitedCves).toHaveLength(entry.Latest.ActivelyExploitedCVEs.length);
    },
  );

  it('lists every security release once, builds only where SOFA gives one', () => {
    const total = feed.OSVersions.reduce((n, e) => n + e.SecurityReleases.length, 0);
    expect(parsed.releases).toHaveLength(total);
    expect(parsed.releases.filter((r) => r.build !== null)).toHaveLength(feed.OSVersions.length);
    expect(parsed.releases.find((r) => r.version === '17.7.9')?.exploitedCves).toEqual([
      'CVE-2025-6558',
    ]);
  });

  it('reports a release with a bad date as one issue and keeps the others', () => {
    const doc = structuredClone(feed);
    const victim = doc.OSVersions[2]?.SecurityReleases[5];
    if (!victim) throw new Error('fixture changed');
    victim.ReleaseDate = 'not-a-date';
    const res = parseSofaIos(doc, 'sofa-ios');
    expect(res.issues).toEqual([
      expect.objectContaining({
        record: 'OSVersions[2].SecurityReleases[5]',
        field: 'ReleaseDate',
      }),
    ]);
    expect(res.releases).toHaveLength(parsed.releases.length - 1);
  });

  it('rejects a document without OSVersions with E_FEED_PARSE', () => {
    expect(() => parseSofaIos({ OSVersions: 'none' }, 'sofa-ios')).toThrow(
      expect.objectContaining({ code: 'E_FEED_PARSE' }),
    );
  });
});

describe('SofaIosSource', () => {
  it('has its folder id, the public URL and a two-day max age', () => {
    const source = new SofaIosSource();
    expect([source.id, SofaIosSource.id]).toEqual(['sofa-ios', 'sofa-ios']);
    expect(source.defaultUrl).toBe('https://sofa.macadmins.io/v1/ios_data_feed.json');
    expect(source.defaultMaxAgeMs).toBe(2 * 24 * 3600 * 1000);
  });

  it('reads ctx.url through ctx.http and parses it', async () => {
    const urls: string[] = [];
    const http: FeedHttp = {
      getText: (url) => {
        urls.push(url);
        return Promise.resolve({ url, body: text, notModified: false });
      },
    };
    const res = await new SofaIosSource().read({
      name: 'sofa-ios',
      url: 'http://f.test/ios',
      options: {},
      http,
    });
    expect(urls).toEqual(['http://f.test/ios']);
    expect(res).toMatchObject({
      notModified: false,
      products: parsed.products,
      releases: parsed.releases,
    });
  });
});
