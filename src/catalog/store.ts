import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ReleasesTable } from './tables.js';
import type { Db } from '../platform/db/db.js';
import type { Database } from '../platform/db/schema.js';
import type { StoredRelease, StoredTrack, CatalogInput } from './catalog.js';
import { redactUrlsIn } from '../platform/http-client/redact-url.js';
import { mergeRelease } from './merge.js';
import type { AppleModel, FeedIssue, Platform, Product, Release } from './model.js';
import type { FeedHealth } from './staleness.js';
import type { VersionSchemeId } from './versions/types.js';

export interface FeedRegistration {
  readonly name: string;
  readonly source: string;
  readonly url: string;
  readonly maxAgeMs: number;
}

export interface HttpCacheEntry {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly body: string;
}

export interface GoodRead {
  readonly products: readonly Product[];
  readonly tracks: readonly { product: string; id: string; name: string }[];
  readonly releases: readonly Release[];
  readonly issues: readonly FeedIssue[];
  readonly cache: readonly HttpCacheEntry[];
  /** Absent: the feed lists no models, and any it listed before are kept. */
  readonly models?: readonly AppleModel[];
}

export interface ReadCounts {
  readonly releasesSeen: number;
  readonly releasesNew: number;
}

export interface FeedRunRow {
  readonly feed: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: 'updated' | 'not-modified' | 'failed';
  readonly releasesSeen: number;
  readonly releasesNew: number;
  readonly issues: number;
  readonly error: string | null;
}

/** The catalog's SQL. Every write of one feed read happens in one transaction. */
export class CatalogStore {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /**
   * Make sure the feed's row exists and carries its current URL and max age. The stored URL is
   * for people (the dashboard, `catalog`): it never keeps user info or key-like query values.
   */
  async registerFeed(feed: FeedRegistration): Promise<void> {
    const url = redactUrlsIn(feed.url);
    await this.k
      .insertInto('feeds')
      .values({
        name: feed.name,
        source: feed.source,
        url,
        max_age_ms: feed.maxAgeMs,
        last_issues: '[]',
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ source: feed.source, url, max_age_ms: feed.maxAgeMs }),
      )
      .execute();
  }

  async getHttpCache(url: string): Promise<HttpCacheEntry | undefined> {
    const row = await this.k
      .selectFrom('http_cache')
      .selectAll()
      .where('url', '=', url)
      .executeTakeFirst();
    return row
      ? { url: row.url, etag: row.etag, lastModified: row.last_modified, body: row.body }
      : undefined;
  }

  /** Store a good read: products, tracks (unlisted ones become unsupported), releases, cache. */
  async recordRead(feed: string, read: GoodRead, now: Date): Promise<ReadCounts> {
    const at = now.toISOString();
    return this.k.transaction().execute(async (trx) => {
      for (const p of read.products) {
        await trx
          .insertInto('products')
          .values({ id: p.id, name: p.name, platform: p.platform, scheme: p.scheme, feed })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({ name: p.name, platform: p.platform, scheme: p.scheme }),
          )
          .execute();
      }
      await this.writeTracks(trx, feed, read.tracks);
      const releasesNew = await this.writeReleases(trx, feed, read.releases, at);
      if (read.models) await this.writeModels(trx, feed, read.models);
      for (const c of read.cache) await this.putCache(trx, c, at);
      await trx
        .updateTable('feeds')
        .set({
          last_attempt_at: at,
          last_success_at: at,
          last_error: null,
          last_error_code: null,
          last_issues: JSON.stringify(read.issues),
        })
        .where('name', '=', feed)
        .execute();
      return { releasesSeen: read.releases.length, releasesNew };
    });
  }

  /** Every request answered 304: the feed is fresh and nothing else changes. */
  async recordNotModified(feed: string, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.k
      .updateTable('feeds')
      .set({ last_attempt_at: at, last_success_at: at, last_error: null, last_error_code: null })
      .where('name', '=', feed)
      .execute();
  }

  /** A failed read keeps every release known so far and marks the feed (and so its products) stale. */
  async recordFailure(feed: string, code: string, message: string, now: Date): Promise<void> {
    await this.k
      .updateTable('feeds')
      .set({
        last_attempt_at: now.toISOString(),
        last_error: redactUrlsIn(message),
        last_error_code: code,
      })
      .where('name', '=', feed)
      .execute();
  }

  async recordRun(run: FeedRunRow): Promise<void> {
    await this.k
      .insertInto('feed_runs')
      .values({
        feed: run.feed,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        outcome: run.outcome,
        releases_seen: run.releasesSeen,
        releases_new: run.releasesNew,
        issues: run.issues,
        error: run.error === null ? null : redactUrlsIn(run.error),
      })
      .execute();
  }

  async lastRuns(feed: string, limit: number): Promise<FeedRunRow[]> {
    const rows = await this.k
      .selectFrom('feed_runs')
      .selectAll()
      .where('feed', '=', feed)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      feed: r.feed,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      outcome: r.outcome,
      releasesSeen: Number(r.releases_seen),
      releasesNew: Number(r.releases_new),
      issues: Number(r.issues),
      error: r.error,
    }));
  }

  /** Everything buildCatalog needs, in one read. */
  async loadCatalogInput(): Promise<CatalogInput & { issues: Map<string, FeedIssue[]> }> {
    const [products, tracks, releases, feeds, models] = await Promise.all([
      this.k.selectFrom('products').selectAll().execute(),
      this.k.selectFrom('tracks').selectAll().execute(),
      this.k.selectFrom('releases').selectAll().execute(),
      this.k.selectFrom('feeds').selectAll().execute(),
      this.k
        .selectFrom('apple_models')
        .selectAll()
        .orderBy('product_id')
        .orderBy('model')
        .execute(),
    ]);
    return {
      products: products.map((p) => ({
        id: p.id,
        name: p.name,
        platform: p.platform as Platform,
        scheme: p.scheme as VersionSchemeId,
      })),
      tracks: tracks.map((t): StoredTrack => ({
        product: t.product_id,
        id: t.id,
        name: t.name,
        supported: Number(t.supported) === 1,
        feed: t.feed,
      })),
      releases: releases.map(toStoredRelease),
      feeds: feeds.map((f): FeedHealth => ({
        name: f.name,
        maxAgeMs: Number(f.max_age_ms),
        lastSuccessAt: f.last_success_at,
        lastAttemptAt: f.last_attempt_at,
        lastError: f.last_error,
      })),
      issues: new Map(feeds.map((f) => [f.name, JSON.parse(f.last_issues) as FeedIssue[]])),
      models: models.map((m): AppleModel => ({
        product: m.product_id,
        model: m.model,
        marketingName: m.marketing_name,
        majors: JSON.parse(m.majors) as number[],
      })),
    };
  }

  async releasesOf(product: string): Promise<StoredRelease[]> {
    const rows = await this.k
      .selectFrom('releases')
      .selectAll()
      .where('product_id', '=', product)
      .execute();
    return rows.map(toStoredRelease);
  }

  /**
   * The feed's model list replaces what it listed before: a model SOFA drops is no longer known,
   * and its hosts fall back to "any supported major" instead of an outdated answer.
   */
  private async writeModels(
    trx: Transaction<Database>,
    feed: string,
    models: readonly AppleModel[],
  ): Promise<void> {
    await trx.deleteFrom('apple_models').where('feed', '=', feed).execute();
    const rows = models.map((m) => ({
      product_id: m.product,
      model: m.model,
      marketing_name: m.marketingName,
      majors: JSON.stringify(m.majors),
      feed,
    }));
    // Batched: ~100 models in a few statements, well under either database's parameter limit.
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('apple_models')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(['product_id', 'model']).doUpdateSet((eb) => ({
            marketing_name: eb.ref('excluded.marketing_name'),
            majors: eb.ref('excluded.majors'),
            feed: eb.ref('excluded.feed'),
          })),
        )
        .execute();
    }
  }

  private async writeTracks(
    trx: Transaction<Database>,
    feed: string,
    tracks: GoodRead['tracks'],
  ): Promise<void> {
    const listed = new Set(tracks.map((t) => `${t.product}\u0000${t.id}`));
    for (const t of tracks) {
      // The first feed to list a track owns it; only the owner may later mark it unsupported.
      await trx
        .insertInto('tracks')
        .values({ product_id: t.product, id: t.id, name: t.name, supported: 1, feed })
        .onConflict((oc) =>
          oc.columns(['product_id', 'id']).doUpdateSet({ name: t.name, supported: 1 }),
        )
        .execute();
    }
    const owned = await trx
      .selectFrom('tracks')
      .select(['product_id', 'id'])
      .where('feed', '=', feed)
      .where('supported', '=', 1)
      .execute();
    for (const t of owned) {
      if (listed.has(`${t.product_id}\u0000${t.id}`)) continue;
      await trx
        .updateTable('tracks')
        .set({ supported: 0 })
        .where('product_id', '=', t.product_id)
        .where('id', '=', t.id)
        .execute();
    }
  }

  /** Insert new releases with their first-seen time; merge what is new into known ones. */
  private async writeReleases(
    trx: Transaction<Database>,
    feed: string,
    releases: readonly Release[],
    at: string,
  ): Promise<number> {
    const productIds = [...new Set(releases.map((r) => r.product))];
    if (productIds.length === 0) return 0;
    const existing = new Map(
      (
        await trx.selectFrom('releases').selectAll().where('product_id', 'in', productIds).execute()
      ).map((r) => [`${r.product_id}\u0000${r.track_id}\u0000${r.version}`, toStoredRelease(r)]),
    );
    let created = 0;
    for (const r of releases) {
      const key = `${r.product}\u0000${r.track}\u0000${r.version}`;
      const known = existing.get(key);
      if (!known) {
        await trx
          .insertInto('releases')
          .values({
            ...releaseColumns(r),
            product_id: r.product,
            track_id: r.track,
            version: r.version,
            feed,
            first_seen_at: at,
            last_seen_at: at,
          })
          .execute();
        existing.set(key, { ...r, feed, firstSeenAt: at });
        created++;
        continue;
      }
      const merged = mergeRelease(known, r);
      await trx
        .updateTable('releases')
        .set({ ...(merged ? releaseColumns(merged) : {}), last_seen_at: at })
        .where('product_id', '=', r.product)
        .where('track_id', '=', r.track)
        .where('version', '=', r.version)
        .execute();
      if (merged) existing.set(key, { ...known, ...merged });
    }
    return created;
  }

  private async putCache(trx: Transaction<Database>, c: HttpCacheEntry, at: string): Promise<void> {
    const values = { etag: c.etag, last_modified: c.lastModified, body: c.body, fetched_at: at };
    await trx
      .insertInto('http_cache')
      .values({ url: c.url, ...values })
      .onConflict((oc) => oc.column('url').doUpdateSet(values))
      .execute();
  }
}

function releaseColumns(r: Release): {
  build: string | null;
  released_at: string | null;
  cves: string;
  exploited_cves: string;
  url: string | null;
} {
  return {
    build: r.build,
    released_at: r.releasedAt,
    cves: JSON.stringify([...r.cves].sort()),
    exploited_cves: JSON.stringify([...r.exploitedCves].sort()),
    url: r.url,
  };
}

function toStoredRelease(r: Selectable<ReleasesTable>): StoredRelease {
  return {
    product: r.product_id,
    track: r.track_id,
    version: r.version,
    build: r.build,
    releasedAt: r.released_at,
    cves: JSON.parse(r.cves) as string[],
    exploitedCves: JSON.parse(r.exploited_cves) as string[],
    url: r.url,
    feed: r.feed,
    firstSeenAt: r.first_seen_at,
  };
}
