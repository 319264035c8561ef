import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { PatchbayError } from '../platform/errors/errors.js';
import { HttpClient } from '../platform/http-client/http-client.js';
import { createLogger } from '../platform/log/logger.js';
import type { ConfiguredFeed } from './feeds-config.js';
import { SofaMacosSource } from './sources/sofa-macos/index.js';
import type { FeedSource } from './sources/types.js';
import { CatalogStore } from './store.js';
import { syncFeeds } from './sync.js';

/**
 * Issue 9, item 5: credentials in a URL leaked into `sync feeds` output, logs, --json and the
 * database. Config now refuses them (bad-input.spec.ts); this puts them where config cannot see
 * them — a URL handed to fetch as it is, a source's error quoting a link from a document, a
 * redirect — and checks that none of the places an admin or an attacker reads ever holds them.
 */
const SECRET_BITS = ['hunter2pass', 's3cretpass', 'redirpass', 'sekrit-token', 'alice', 'bob:'];

/** A source that follows a link found in its document, and fails quoting it. */
const linkFollower: FeedSource = {
  id: 'link-follower',
  defaultUrl: 'https://unused.example/',
  defaultMaxAgeMs: 86_400_000,
  read(ctx) {
    return Promise.reject(
      new PatchbayError(
        'E_FEED_PARSE',
        `${ctx.name}: the document links https://bob:s3cretpass@mirror.example/feed.json?token=sekrit-token&page=2, which is not JSON`,
      ),
    );
  },
};

const sources = new Map<string, FeedSource>([
  [SofaMacosSource.id, new SofaMacosSource()],
  [linkFollower.id, linkFollower],
]);

describe.each(DIALECTS)('feed credentials never leak on $name', ({ open }) => {
  let server: Server;
  let base: string;
  let t: TestDb;

  beforeEach(async () => {
    server = createServer((req, res) => {
      // A mirror that sends readers on to a URL with credentials in it.
      res.writeHead(302, { location: `http://carol:redirpass@127.0.0.1:1/elsewhere.json` });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await open();
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.cleanup();
  });

  const feed = (name: string, source: string, url: string): ConfiguredFeed => ({
    name,
    source,
    url,
    maxAgeMs: 86_400_000,
    enabled: true,
    options: {},
  });

  it('keeps them out of results (--json), JSON logs, feeds.url and feed_runs.error', async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      format: 'json',
      secrets: [],
      destination: { write: (line: string) => void lines.push(line) },
    });
    const http = new HttpClient({
      timeoutMs: 5000,
      userAgent: 'test',
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const store = new CatalogStore(t.db);
    const url = new URL(`${base}/feed.json`);
    url.username = 'alice';
    url.password = 'hunter2pass';
    const results = await syncFeeds({ store, http, sources, now: () => new Date(), log }, [
      // Handed to fetch as it is: fetch's own error quotes the URL.
      feed('sofa-macos', 'sofa-macos', url.toString()),
      feed('quoting', 'link-follower', `${base}/doc.json`),
      feed('redirected', 'sofa-macos', `${base}/mirror.json`),
    ]);
    expect(results.map((r) => [r.feed, r.outcome])).toEqual([
      ['sofa-macos', 'failed'],
      ['quoting', 'failed'],
      ['redirected', 'failed'],
    ]);
    const feedsRows = await t.db.kysely.selectFrom('feeds').selectAll().execute();
    const runRows = await t.db.kysely.selectFrom('feed_runs').selectAll().execute();
    const places = {
      results: JSON.stringify(results),
      logs: lines.join(''),
      feeds: JSON.stringify(feedsRows),
      feedRuns: JSON.stringify(runRows),
    };
    for (const [where, text] of Object.entries(places)) {
      for (const bit of SECRET_BITS) expect(text, `${bit} in ${where}`).not.toContain(bit);
    }
    // What is left still tells the admin which URL failed.
    expect(places.results).toContain(`${base}/feed.json`);
    expect(places.feedRuns).toContain('https://mirror.example/feed.json?token=****&page=2');
    expect(feedsRows.find((r) => r.name === 'sofa-macos')?.url).toBe(`${base}/feed.json`);
  });
});
