import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { FeedStandIn } from '../../sandbox/feeds/server.js';
import { HttpClient } from '../platform/http-client/http-client.js';
import { buildCatalog } from './catalog.js';
import type { ConfiguredFeed } from './feeds-config.js';
import { SofaIosSource } from './sources/sofa-ios/index.js';
import { SofaMacosSource } from './sources/sofa-macos/index.js';
import type { FeedSource } from './sources/types.js';
import { CatalogStore } from './store.js';
import { syncFeeds, type FeedSyncResult } from './sync.js';
import { compareVersions } from './versions/api.js';

const SHARED_SOFA = new URL('../../sandbox/feeds/data/sofa/', import.meta.url);
const MACOS_PATH = '/sofa/v1/macos_data_feed.json';
const IOS_PATH = '/sofa/v1/ios_data_feed.json';

interface SofaLatest {
  OSVersions: {
    OSVersion: string;
    Latest: {
      ProductVersion: string;
      Build: string;
      CVEs: Record<string, boolean>;
      ActivelyExploitedCVEs: string[];
    };
  }[];
}

const sources = new Map<string, FeedSource>([
  [SofaMacosSource.id, new SofaMacosSource()],
  [SofaIosSource.id, new SofaIosSource()],
]);

describe.each(DIALECTS)('feed sync over HTTP on $name', ({ open }) => {
  let standIn: FeedStandIn;
  let base: string;
  let t: TestDb;
  let store: CatalogStore;
  let clock: Date;

  beforeEach(async () => {
    standIn = new FeedStandIn();
    base = await standIn.listen();
    t = await open();
    store = new CatalogStore(t.db);
    clock = new Date('2026-08-22T19:00:00Z');
  });
  afterEach(async () => {
    await standIn.close();
    await t.cleanup();
  });

  function feeds(): ConfiguredFeed[] {
    return [
      {
        name: 'sofa-macos',
        source: 'sofa-macos',
        url: base + MACOS_PATH,
        maxAgeMs: 2 * 86_400_000,
        enabled: true,
        options: {},
      },
      {
        name: 'sofa-ios',
        source: 'sofa-ios',
        url: base + IOS_PATH,
        maxAgeMs: 2 * 86_400_000,
        enabled: true,
        options: {},
      },
    ];
  }

  function sync(timeoutMs = 5000): Promise<FeedSyncResult[]> {
    const http = new HttpClient({
      timeoutMs,
      userAgent: 'test',
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1000 },
      sleep: () => Promise.resolve(),
    });
    return syncFeeds(
      { store, http, sources, now: () => clock, log: pino({ level: 'silent' }) },
      feeds(),
    );
  }

  async function catalog() {
    return buildCatalog(await store.loadCatalogInput(), clock, compareVersions);
  }

  it("lists one entry per macOS major equal to the feed's Latest, with its CVE counts", async () => {
    const results = await sync();
    expect(results.map((r) => [r.feed, r.outcome])).toEqual([
      ['sofa-macos', 'updated'],
      ['sofa-ios', 'updated'],
    ]);
    const feed = JSON.parse(
      readFileSync(new URL('v1-macos_data_feed.json', SHARED_SOFA), 'utf8'),
    ) as SofaLatest;
    const macos = (await catalog()).filter((e) => e.product === 'macos');
    expect(macos).toHaveLength(feed.OSVersions.length);
    for (const os of feed.OSVersions) {
      const entry = macos.find((e) => e.trackName === os.OSVersion);
      expect(entry, os.OSVersion).toMatchObject({
        version: os.Latest.ProductVersion,
        build: os.Latest.Build,
        stale: false,
      });
      expect(entry?.cves).toHaveLength(Object.keys(os.Latest.CVEs).length);
      expect(entry?.exploitedCves).toEqual([...os.Latest.ActivelyExploitedCVEs].sort());
    }
  });

  it('uses a conditional GET: an unchanged feed is answered 304 and stays fresh', async () => {
    await sync();
    clock = new Date('2026-08-23T19:00:00Z');
    const second = await sync();
    expect(second.map((r) => r.outcome)).toEqual(['not-modified', 'not-modified']);
    expect(standIn.requests.filter((r) => r.path === MACOS_PATH).map((r) => r.status)).toEqual([
      200, 304,
    ]);
    const input = await store.loadCatalogInput();
    expect(input.feeds.find((f) => f.name === 'sofa-macos')?.lastSuccessAt).toBe(
      clock.toISOString(),
    );
  });

  it('records a release that appears between two syncs with the time it was first seen', async () => {
    standIn.setBody(
      MACOS_PATH,
      readFileSync(new URL('v1-macos_data_feed.2026-04.json', SHARED_SOFA)),
    );
    await sync();
    const before = (await catalog()).find((e) => e.product === 'macos' && e.track === '26');
    standIn.setBody(MACOS_PATH, readFileSync(new URL('v1-macos_data_feed.json', SHARED_SOFA)));
    clock = new Date('2026-08-23T08:00:00Z');
    const [macos] = await sync();
    expect(macos?.releasesNew).toBeGreaterThan(0);
    const after = (await catalog()).find((e) => e.product === 'macos' && e.track === '26');
    expect(after?.version).toBe('26.6.2');
    expect(after?.version).not.toBe(before?.version);
    expect(after?.firstSeenAt).toBe(clock.toISOString());
  });

  it.each([
    ['malformed', { kind: 'malformed' } as const, 'E_FEED_PARSE'],
    ['500', { kind: 'status', status: 500 } as const, 'E_HTTP_STATUS'],
    ['slow past the timeout', { kind: 'slow', ms: 60_000 } as const, 'E_HTTP_TIMEOUT'],
    ['truncated', { kind: 'truncated' } as const, 'E_HTTP_NETWORK'],
  ])(
    'a %s feed fails alone: the other syncs, it turns stale, its releases stay',
    async (_name, mode, code) => {
      await sync();
      standIn.setBody(
        MACOS_PATH,
        readFileSync(new URL('v1-macos_data_feed.json', SHARED_SOFA)).toString('utf8') + ' ',
      );
      standIn.setMode(IOS_PATH, mode);
      clock = new Date('2026-08-23T08:00:00Z');
      // Generous for the healthy feed on a busy machine, far short of the slow one's 60 s.
      const results = await sync(1500);
      expect(results.find((r) => r.feed === 'sofa-macos')?.outcome).toBe('updated');
      const ios = results.find((r) => r.feed === 'sofa-ios');
      expect(ios).toMatchObject({ outcome: 'failed', error: { code } });
      expect(ios?.error?.message).toContain('sofa');
      const entries = await catalog();
      const iosEntries = entries.filter((e) => e.product === 'ios');
      expect(iosEntries.length).toBeGreaterThan(0);
      expect(
        iosEntries.every((e) => e.stale && e.staleReason?.includes('feed sofa-ios failed')),
      ).toBe(true);
      expect(entries.filter((e) => e.product === 'macos').every((e) => !e.stale)).toBe(true);
    },
  );
});
