import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedHttp } from '../types.js';
import { EdgeSource, parseEdge } from './index.js';

const text = readFileSync(new URL('./__fixtures__/products.json', import.meta.url), 'utf8');
const products = JSON.parse(text) as { Product: string; Releases: Record<string, unknown>[] }[];
/** A deep copy of the fixture to break one record of. */
const copy = (): typeof products => JSON.parse(text) as typeof products;

describe('parseEdge on the products API response', () => {
  const parsed = parseEdge(products, 'edge', 'MacOS');

  it('yields the edge product and a track per browser channel with a Mac release', () => {
    expect(parsed.products).toEqual([
      { id: 'edge', name: 'Microsoft Edge', platform: 'cross', scheme: 'chrome' },
    ]);
    expect(parsed.tracks).toEqual([
      { product: 'edge', id: 'stable', name: 'Stable' },
      { product: 'edge', id: 'beta', name: 'Beta' },
    ]);
    expect(parsed.issues).toEqual([]);
  });

  it('reads the Mac release: UTC time, sorted CVEs, no exploited list, no link', () => {
    expect(parsed.releases).toEqual([
      {
        product: 'edge',
        track: 'stable',
        version: '124.0.2478.97',
        build: null,
        releasedAt: '2024-05-10T17:05:00.000Z',
        cves: ['CVE-2024-4559', 'CVE-2024-4671'],
        exploitedCves: [],
        url: null,
      },
      expect.objectContaining({ track: 'beta', version: '125.0.2535.37', cves: [] }),
    ]);
  });

  // Each platform's releases fill that platform's own track: macOS the plain one.
  it.each([
    [
      'Windows',
      [
        ['stable/windows', '124.0.2478.97', '2024-05-11T06:47:00.000Z'],
        ['beta/windows', '125.0.2535.37', '2024-05-09T22:10:00.000Z'],
      ],
    ],
    ['linux', [['stable/linux', '124.0.2478.97', '2024-05-10T17:01:00.000Z']]],
    ['iOS', [['stable/ios', '124.0.2478.89', '2024-05-07T02:57:00.000Z']]],
    ['Android', []],
  ])('for platform %s gives %j and never EdgeUpdate', (platform, expected) => {
    const res = parseEdge(products, 'edge', platform);
    expect(res.releases.map((r) => [r.track, r.version, r.releasedAt])).toEqual(expected);
  });

  it('reads macOS, Windows and Linux by default, one track per channel and platform', () => {
    const res = parseEdge(products, 'edge');
    expect(res.tracks).toEqual([
      { product: 'edge', id: 'stable', name: 'Stable' },
      { product: 'edge', id: 'stable/windows', name: 'Stable (Windows)' },
      { product: 'edge', id: 'stable/linux', name: 'Stable (Linux)' },
      { product: 'edge', id: 'beta', name: 'Beta' },
      { product: 'edge', id: 'beta/windows', name: 'Beta (Windows)' },
    ]);
    expect(res.issues).toEqual([]);
  });

  it('reads a platform named twice once', () => {
    const res = parseEdge(products, 'edge', 'Windows, windows');
    expect(res.tracks.map((t) => t.id)).toEqual(['stable/windows', 'beta/windows']);
  });
});

describe('parseEdge on bad input', () => {
  it('reports a malformed release naming channel, ReleaseId and field; the rest survive', () => {
    const doc = copy();
    const mac = doc[0]?.Releases.find((r) => r.Platform === 'MacOS');
    if (mac) mac.ProductVersion = '124.0';
    const res = parseEdge(doc, 'edge', 'MacOS');
    expect(res.issues).toEqual([
      {
        source: 'edge',
        record: 'Stable/ReleaseId=73631',
        field: 'ProductVersion',
        message: 'not an Edge version (a.b.c.d)',
      },
    ]);
    expect(res.releases.map((r) => r.track)).toEqual(['beta']);
    expect(res.tracks.map((t) => t.id)).toEqual(['stable', 'beta']);
  });

  it('reports a product without Releases and ignores broken releases of other platforms', () => {
    const doc: unknown[] = copy();
    doc.push({ Product: 'Dev' });
    (doc[0] as { Releases: unknown[] }).Releases.push({ Platform: 'Windows', ReleaseId: 'x' });
    const res = parseEdge(doc, 'edge', 'MacOS');
    expect(res.issues.map((i) => [i.record, i.field])).toEqual([['Product=Dev', 'Releases']]);
    expect(res.releases).toHaveLength(2);
  });

  it.each([
    ['an object', { Product: 'Stable' }],
    ['a string', 'Service Unavailable'],
    ['null', null],
  ])('throws E_FEED_PARSE when the document is %s', (_, doc) => {
    expect(() => parseEdge(doc, 'edge')).toThrow(PatchbayError);
    expect(() => parseEdge(doc, 'edge')).toThrow(/Feed edge: expected a JSON array/);
  });
});

describe('EdgeSource', () => {
  const source = new EdgeSource();
  const http = (body: string): FeedHttp & { urls: string[] } => {
    const urls: string[] = [];
    return {
      urls,
      getText: (url) => {
        urls.push(url);
        return Promise.resolve({ url, body, notModified: false });
      },
    };
  };

  it('reads the configured URL once for all the platforms of the option', async () => {
    const h = http(text);
    const all = await source.read({ name: 'edge', url: source.defaultUrl, options: {}, http: h });
    const win = await source.read({
      name: 'edge',
      url: source.defaultUrl,
      options: { platform: 'Windows' },
      http: h,
    });
    expect(h.urls).toEqual([source.defaultUrl, source.defaultUrl]);
    expect(new Set(all.releases.map((r) => r.track))).toEqual(
      new Set(['stable', 'stable/windows', 'stable/linux', 'beta', 'beta/windows']),
    );
    expect(win.releases.map((r) => [r.track, r.releasedAt])[0]).toEqual([
      'stable/windows',
      '2024-05-11T06:47:00.000Z',
    ]);
  });

  it('rejects a bad platform option and a body that is not JSON', async () => {
    const ctx = { name: 'edge', url: source.defaultUrl, http: http('<html>') };
    await expect(source.read({ ...ctx, options: { platform: 7 } })).rejects.toThrow(/platform/);
    await expect(source.read({ ...ctx, options: { platform: ' , ' } })).rejects.toThrow(/platform/);
    await expect(source.read({ ...ctx, options: {} })).rejects.toMatchObject({
      code: 'E_FEED_PARSE',
    });
  });

  it('names the config key when the platform option is bad', async () => {
    const ctx = { name: 'edge', url: source.defaultUrl, http: http(text) };
    await expect(source.read({ ...ctx, options: { platform: ' , ' } })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining('feeds.edge.platform') as unknown,
      details: { feed: 'edge', key: 'feeds.edge.platform' },
    });
  });

  it('says so when a configured platform has no release in the document (a typo)', async () => {
    const res = await source.read({
      name: 'edge',
      url: source.defaultUrl,
      options: { platform: 'MacOS,Windoes' },
      http: http(text),
    });
    const typo = res.issues.filter((i) => i.record === 'platform Windoes');
    expect(typo).toHaveLength(1);
    expect(typo[0]?.message).toContain('feeds.edge.platform');
    // The platforms that do have releases raise no such issue.
    expect(res.issues.filter((i) => i.record.startsWith('platform '))).toHaveLength(1);
  });

  it('has its id, the products API URL and a one-day max age', () => {
    expect([source.id, EdgeSource.id, source.defaultUrl, source.defaultMaxAgeMs]).toEqual([
      'edge',
      'edge',
      'https://edgeupdates.microsoft.com/api/products',
      86_400_000,
    ]);
  });
});
