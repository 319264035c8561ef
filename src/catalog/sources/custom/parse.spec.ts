import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCustomFeed } from './parse.js';

function example(): { products: Record<string, unknown>[] } {
  const text = readFileSync(new URL('./__fixtures__/acme-vpn.json', import.meta.url), 'utf8');
  return JSON.parse(text) as { products: Record<string, unknown>[] };
}

/** The example with the product at `index` patched. */
function withProduct(index: number, patch: Record<string, unknown>): unknown {
  const doc = example();
  doc.products[index] = { ...doc.products[index], ...patch };
  return doc;
}

/** The example with acme-vpn's tracks replaced by one: a patched 4.2.2 and a good 4.2.1. */
function withRelease(patch: Record<string, unknown>): unknown {
  const release = { version: '4.2.2', ...patch };
  return withProduct(0, { tracks: [{ id: 'stable', releases: [release, { version: '4.2.1' }] }] });
}

describe('docs/custom-feed.md', () => {
  it('shows exactly the fixture as its full example', () => {
    const doc = readFileSync(new URL('../../../../docs/custom-feed.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    const last = blocks.at(-1);
    expect(last).toBeDefined();
    expect(JSON.parse(last ?? 'null')).toEqual(example());
  });
});

describe('parseCustomFeed', () => {
  it('parses the documented example', () => {
    const parsed = parseCustomFeed(example(), 'acme-vpn');
    expect(parsed.issues).toEqual([]);
    expect(parsed.products).toEqual([
      { id: 'acme-vpn', name: 'Acme VPN', platform: 'macos', scheme: 'semver' },
      {
        id: 'acme-printer-driver',
        name: 'Acme Printer Driver',
        platform: 'cross',
        scheme: 'dotted',
      },
    ]);
    expect(parsed.tracks).toEqual([
      { product: 'acme-vpn', id: 'stable', name: 'Stable' },
      { product: 'acme-vpn', id: 'beta', name: 'Beta' },
      { product: 'acme-printer-driver', id: 'stable', name: 'stable' },
    ]);
    expect(parsed.releases[0]).toEqual({
      product: 'acme-vpn',
      track: 'stable',
      version: '4.2.1',
      build: '4210',
      releasedAt: '2025-03-04T00:00:00.000Z',
      cves: ['CVE-2025-10001', 'CVE-2025-10002'],
      exploitedCves: ['CVE-2025-10002'],
      url: 'https://intranet.acme.example/vpn/releases/4.2.1',
    });
    expect(parsed.releases.slice(1)).toEqual([
      expect.objectContaining({
        version: '4.2.0',
        build: null,
        releasedAt: '2025-02-11T17:30:00.000Z',
        cves: [],
        url: null,
      }),
      expect.objectContaining({ track: 'beta', version: '4.3.0-beta.2' }),
      expect.objectContaining({
        product: 'acme-printer-driver',
        version: '2.14.0.7',
        releasedAt: null,
      }),
    ]);
  });

  it('adds exploitedCves to cves, normalised, sorted and deduplicated', () => {
    const parsed = parseCustomFeed(
      withRelease({
        cves: [' cve-2025-20001'],
        exploitedCves: ['CVE-2025-10003', 'CVE-2025-10003'],
      }),
      'acme-vpn',
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.releases[0]).toMatchObject({
      cves: ['CVE-2025-10003', 'CVE-2025-20001'],
      exploitedCves: ['CVE-2025-10003'],
    });
  });

  it.each([
    ['a date-time without offset', { releasedAt: '2025-03-04T10:00:00' }, 'releasedAt'],
    ['a prose date', { releasedAt: 'March 4, 2025' }, 'releasedAt'],
    ['a date that does not exist', { releasedAt: '2025-02-30' }, 'releasedAt'],
    ['a month that does not exist', { releasedAt: '2025-13-01T00:00:00Z' }, 'releasedAt'],
    ['a malformed CVE id', { cves: ['CVE-2025-1'] }, 'cves.0'],
    ['a non-http url', { url: 'ftp://acme.example/vpn' }, 'url'],
    ['an empty version', { version: ' ' }, 'version'],
    ['a typo in a key', { exploitedCVEs: ['CVE-2025-10003'] }, '(record)'],
  ])('a release with %s is an issue; its sibling survives', (_label, patch, field) => {
    const parsed = parseCustomFeed(withRelease(patch), 'acme-vpn');
    // The record is the release's version, or its index when the version is what is wrong.
    const record = field === 'version' ? 'acme-vpn/stable/#0' : 'acme-vpn/stable/4.2.2';
    expect(parsed.issues.map((i) => [i.source, i.record, i.field])).toEqual([
      ['acme-vpn', record, field],
    ]);
    expect(parsed.releases.map((r) => r.version)).toContain('4.2.1');
    expect(parsed.products).toHaveLength(2);
  });

  it.each([
    ['an id with capitals', { id: 'Acme-VPN' }, 'Acme-VPN', 'id'],
    ['an unknown platform', { platform: 'macOS' }, 'acme-vpn', 'platform'],
    ['an unknown scheme', { scheme: 'calver' }, 'acme-vpn', 'scheme'],
    [
      'a track id with a space',
      { tracks: [{ id: 'long term', releases: [] }] },
      'acme-vpn',
      'tracks.0.id',
    ],
    ['a duplicate track', { tracks: [{ id: 'a' }, { id: 'a' }] }, 'acme-vpn', 'tracks.1.id'],
    ['no tracks', { tracks: [] }, 'acme-vpn', 'tracks'],
  ])(
    'a product with %s is skipped with an issue; the other product survives',
    (_l, patch, record, field) => {
      const parsed = parseCustomFeed(withProduct(0, patch), 'acme-vpn');
      expect(parsed.issues).toEqual([
        expect.objectContaining({ source: 'acme-vpn', record, field }),
      ]);
      expect(parsed.products.map((p) => p.id)).toEqual(['acme-printer-driver']);
      expect(parsed.releases.every((r) => r.product === 'acme-printer-driver')).toBe(true);
    },
  );

  it('keeps the first of two products with the same id', () => {
    const parsed = parseCustomFeed(withProduct(1, { id: 'acme-vpn' }), 'acme-vpn');
    expect(parsed.products.map((p) => p.name)).toEqual(['Acme VPN']);
    expect(parsed.issues).toEqual([expect.objectContaining({ record: 'acme-vpn', field: 'id' })]);
  });

  // Found by the feed property test: the issue's record was the blank id itself.
  it('names a product with a blank id by its place in the list', () => {
    const parsed = parseCustomFeed(withProduct(0, { id: '   ' }), 'acme-vpn');
    expect(parsed.issues).toEqual([expect.objectContaining({ record: '#0', field: 'id' })]);
  });

  it('keeps the first of two releases with the same version in a track', () => {
    const parsed = parseCustomFeed(withRelease({ version: '4.2.1', build: 'dup' }), 'acme-vpn');
    expect(
      parsed.releases.filter((r) => r.track === 'stable' && r.product === 'acme-vpn'),
    ).toHaveLength(1);
    expect(parsed.issues).toEqual([
      expect.objectContaining({ record: 'acme-vpn/stable/4.2.1', field: 'version' }),
    ]);
  });

  it.each([
    ['a list', []],
    ['an object without products', { product: [] }],
    ['products not a list', { products: {} }],
    ['null', null],
  ])('throws E_FEED_PARSE when the document is %s', (_label, json) => {
    expect(() => parseCustomFeed(json, 'acme-vpn')).toThrow(/^Feed acme-vpn: /);
    expect(() => parseCustomFeed(json, 'acme-vpn')).toThrow(
      expect.objectContaining({ code: 'E_FEED_PARSE' }),
    );
  });
});
