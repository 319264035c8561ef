import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import type { AppleModel, Release } from './model.js';
import { CatalogStore, type GoodRead } from './store.js';

const macos = { id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' } as const;

function release(version: string, over: Partial<Release> = {}): Release {
  return {
    product: 'macos',
    track: version.split('.')[0] ?? '',
    version,
    build: null,
    releasedAt: null,
    cves: [],
    exploitedCves: [],
    url: null,
    ...over,
  };
}

function read(releases: Release[], tracks = [...new Set(releases.map((r) => r.track))]): GoodRead {
  return {
    products: [macos],
    tracks: tracks.map((id) => ({ product: 'macos', id, name: `macOS ${id}` })),
    releases,
    issues: [],
    cache: [],
  };
}

const model = (id: string, majors: number[], name: string | null = null): AppleModel => ({
  product: 'macos',
  model: id,
  marketingName: name,
  majors,
});

/** A read listing hardware models (SOFA's Models) and no releases; none listed when absent. */
const modelsRead = (models?: AppleModel[]): GoodRead => ({
  ...read([], ['15']),
  ...(models ? { models } : {}),
});

const T1 = new Date('2026-08-01T00:00:00Z');
const T2 = new Date('2026-08-20T00:00:00Z');

describe.each(DIALECTS)('CatalogStore on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function store(): Promise<CatalogStore> {
    t = await open();
    const s = new CatalogStore(t.db);
    await s.registerFeed({
      name: 'sofa-macos',
      source: 'sofa-macos',
      url: 'http://x/feed.json',
      maxAgeMs: 86_400_000,
    });
    return s;
  }

  it('keeps every release with the time it was first seen', async () => {
    const s = await store();
    expect(await s.recordRead('sofa-macos', read([release('15.6'), release('14.7')]), T1)).toEqual({
      releasesSeen: 2,
      releasesNew: 2,
    });
    // The next read lists only the newer release: the older one stays known, first-seen unchanged.
    expect(await s.recordRead('sofa-macos', read([release('15.7'), release('14.7')]), T2)).toEqual({
      releasesSeen: 2,
      releasesNew: 1,
    });
    const all = await s.releasesOf('macos');
    const firstSeen = Object.fromEntries(all.map((r) => [r.version, r.firstSeenAt]));
    expect(firstSeen).toEqual({
      '15.6': T1.toISOString(),
      '14.7': T1.toISOString(),
      '15.7': T2.toISOString(),
    });
  });

  it('merges what a second report adds without erasing what was known', async () => {
    const s = await store();
    await s.recordRead(
      'sofa-macos',
      read([release('15.7', { build: '24G830', cves: ['CVE-2026-1'] })]),
      T1,
    );
    await s.recordRead(
      'sofa-macos',
      read([
        release('15.7', {
          cves: ['CVE-2026-2'],
          exploitedCves: ['CVE-2026-2'],
          releasedAt: '2026-08-06T00:00:00.000Z',
        }),
      ]),
      T2,
    );
    const [r] = await s.releasesOf('macos');
    expect(r).toMatchObject({
      build: '24G830',
      cves: ['CVE-2026-1', 'CVE-2026-2'],
      exploitedCves: ['CVE-2026-2'],
      releasedAt: '2026-08-06T00:00:00.000Z',
    });
  });

  it('marks a track the feed stops listing as unsupported, and keeps its releases', async () => {
    const s = await store();
    await s.recordRead('sofa-macos', read([release('15.7'), release('12.7.6')]), T1);
    await s.recordRead('sofa-macos', read([release('15.7')]), T2);
    const input = await s.loadCatalogInput();
    expect(input.tracks.map((tr) => [tr.id, tr.supported]).sort()).toEqual([
      ['12', false],
      ['15', true],
    ]);
    expect(input.releases.map((r) => r.version).sort()).toEqual(['12.7.6', '15.7']);
  });

  it('records health: a failure keeps the last good time and the releases', async () => {
    const s = await store();
    await s.recordRead(
      'sofa-macos',
      {
        ...read([release('15.7')]),
        issues: [{ source: 'sofa-macos', record: '#1', field: 'ReleaseDate', message: 'bad' }],
      },
      T1,
    );
    await s.recordFailure('sofa-macos', 'E_HTTP_STATUS', 'GET http://x/feed.json answered 500', T2);
    const input = await s.loadCatalogInput();
    expect(input.feeds[0]).toMatchObject({
      lastSuccessAt: T1.toISOString(),
      lastAttemptAt: T2.toISOString(),
      lastError: 'GET http://x/feed.json answered 500',
    });
    expect(input.issues.get('sofa-macos')).toHaveLength(1);
    expect(input.releases).toHaveLength(1);
    await s.recordNotModified('sofa-macos', T2);
    expect((await s.loadCatalogInput()).feeds[0]).toMatchObject({
      lastSuccessAt: T2.toISOString(),
      lastError: null,
    });
  });

  it('stores the HTTP cache only with a good read', async () => {
    const s = await store();
    await s.recordRead(
      'sofa-macos',
      {
        ...read([release('15.7')]),
        cache: [{ url: 'http://x/feed.json', etag: '"a"', lastModified: null, body: '{}' }],
      },
      T1,
    );
    expect(await s.getHttpCache('http://x/feed.json')).toEqual({
      url: 'http://x/feed.json',
      etag: '"a"',
      lastModified: null,
      body: '{}',
    });
    expect(await s.getHttpCache('http://x/other.json')).toBeUndefined();
  });

  it('keeps a log of runs, newest first', async () => {
    const s = await store();
    for (const [i, outcome] of (['updated', 'not-modified', 'failed'] as const).entries()) {
      await s.recordRun({
        feed: 'sofa-macos',
        startedAt: `2026-08-0${i + 1}T00:00:00.000Z`,
        finishedAt: `2026-08-0${i + 1}T00:00:01.000Z`,
        outcome,
        releasesSeen: 1,
        releasesNew: 0,
        issues: 0,
        error: null,
      });
    }
    expect((await s.lastRuns('sofa-macos', 2)).map((r) => r.outcome)).toEqual([
      'failed',
      'not-modified',
    ]);
  });

  it('keeps the models a feed lists and reads them back for evaluation', async () => {
    const s = await store();
    const listed = [
      model('Mac14,10', [26, 15, 14, 13], 'MacBook Pro (16-inch, M2 Pro, 2023)'),
      model('MacBookPro13,1', [13, 12]),
    ];
    await s.recordRead('sofa-macos', modelsRead(listed), T1);
    expect((await s.loadCatalogInput()).models).toEqual(listed);
  });

  it('replaces the models on the next read, and keeps them when a read lists none', async () => {
    const s = await store();
    await s.recordRead('sofa-macos', modelsRead([model('A1', [15]), model('B1', [14])]), T1);
    await s.recordRead('sofa-macos', modelsRead([model('A1', [26, 15])]), T2);
    expect((await s.loadCatalogInput()).models).toEqual([model('A1', [26, 15])]);
    await s.recordRead('sofa-macos', modelsRead(), T2);
    expect((await s.loadCatalogInput()).models).toEqual([model('A1', [26, 15])]);
  });
});
