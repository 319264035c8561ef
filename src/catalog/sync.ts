import { describeError, isPatchbayError, PatchbayError } from '../platform/errors/errors.js';
import type { HttpClient } from '../platform/http-client/http-client.js';
import type { Logger } from '../platform/log/logger.js';
import type { ConfiguredFeed } from './feeds-config.js';
import type { FeedIssue } from './model.js';
import type { FeedSource, FeedHttp } from './sources/types.js';
import type { CatalogStore, HttpCacheEntry } from './store.js';

export interface FeedSyncResult {
  readonly feed: string;
  readonly source: string;
  readonly outcome: 'updated' | 'not-modified' | 'failed' | 'disabled';
  readonly releasesSeen: number;
  readonly releasesNew: number;
  readonly issues: readonly FeedIssue[];
  readonly error: { code: string; message: string } | null;
  readonly durationMs: number;
}

export interface SyncDeps {
  readonly store: CatalogStore;
  readonly http: HttpClient;
  readonly sources: ReadonlyMap<string, FeedSource>;
  readonly now: () => Date;
  readonly log: Logger;
  /** Called as each feed starts and ends, for a progress display. */
  readonly onProgress?: (event: {
    feed: string;
    phase: 'start' | 'done';
    result?: FeedSyncResult;
  }) => void;
}

/**
 * Read every enabled feed. Each feed is its own unit of failure: one that times out, answers 500
 * or sends garbage is recorded as failed (its products turn stale) and the others still sync.
 */
export async function syncFeeds(
  deps: SyncDeps,
  feeds: readonly ConfiguredFeed[],
): Promise<FeedSyncResult[]> {
  const results: FeedSyncResult[] = [];
  // Feeds are few and mostly on different hosts: two at a time keeps a slow one from holding all.
  const queue = [...feeds];
  const worker = async (): Promise<void> => {
    for (let feed = queue.shift(); feed; feed = queue.shift()) {
      deps.onProgress?.({ feed: feed.name, phase: 'start' });
      const result = await syncOne(deps, feed);
      results.push(result);
      deps.onProgress?.({ feed: feed.name, phase: 'done', result });
    }
  };
  await Promise.all([worker(), worker()]);
  const order = new Map(feeds.map((f, i) => [f.name, i]));
  return results.sort((a, b) => (order.get(a.feed) ?? 0) - (order.get(b.feed) ?? 0));
}

async function syncOne(deps: SyncDeps, feed: ConfiguredFeed): Promise<FeedSyncResult> {
  const started = deps.now();
  const base = {
    feed: feed.name,
    source: feed.source,
    releasesSeen: 0,
    releasesNew: 0,
    issues: [] as FeedIssue[],
    error: null,
  };
  if (!feed.enabled) return { ...base, outcome: 'disabled', durationMs: 0 };
  const source = deps.sources.get(feed.source);
  await deps.store.registerFeed({
    name: feed.name,
    source: feed.source,
    url: feed.url,
    maxAgeMs: feed.maxAgeMs,
  });
  const pendingCache: HttpCacheEntry[] = [];
  try {
    if (!source) {
      throw new PatchbayError(
        'E_FEED_UNKNOWN',
        `Feed ${feed.name}: no feed source "${feed.source}"`,
        { feed: feed.name },
      );
    }
    const http = cachingHttp(deps, pendingCache);
    const read = await source.read({ name: feed.name, url: feed.url, options: feed.options, http });
    const now = deps.now();
    for (const issue of read.issues) deps.log.warn({ ...issue }, 'Feed record skipped');
    if (read.notModified) {
      await deps.store.recordNotModified(feed.name, now);
      return finish(deps, started, { ...base, outcome: 'not-modified', issues: read.issues });
    }
    const counts = await deps.store.recordRead(feed.name, { ...read, cache: pendingCache }, now);
    return finish(deps, started, { ...base, outcome: 'updated', ...counts, issues: read.issues });
  } catch (err) {
    const code = isPatchbayError(err) ? err.code : 'E_INTERNAL';
    const message = describeError(err);
    deps.log.error({ feed: feed.name, code, err: message }, 'Feed sync failed');
    await deps.store.recordFailure(feed.name, code, message, deps.now());
    return finish(deps, started, { ...base, outcome: 'failed', error: { code, message } });
  }
}

async function finish(
  deps: SyncDeps,
  started: Date,
  r: Omit<FeedSyncResult, 'durationMs'>,
): Promise<FeedSyncResult> {
  const finished = deps.now();
  await deps.store.recordRun({
    feed: r.feed,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    outcome: r.outcome === 'disabled' ? 'not-modified' : r.outcome,
    releasesSeen: r.releasesSeen,
    releasesNew: r.releasesNew,
    issues: r.issues.length,
    error: r.error?.message ?? null,
  });
  return { ...r, durationMs: finished.getTime() - started.getTime() };
}

/**
 * Conditional GET against the stored cache. New cache entries are written only together with the
 * releases they produced, so a crash between the two can never hide a release behind a 304.
 */
function cachingHttp(deps: SyncDeps, pending: HttpCacheEntry[]): FeedHttp {
  return {
    async getText(url, opts) {
      const cached = await deps.store.getHttpCache(url);
      const res = await deps.http.getText(url, { headers: opts?.headers, cached });
      if (!res.notModified && (res.etag || res.lastModified)) {
        pending.push({ url, etag: res.etag, lastModified: res.lastModified, body: res.body });
      }
      return { url, body: res.body, notModified: res.notModified };
    },
  };
}
