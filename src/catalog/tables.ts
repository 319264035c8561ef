import type { Generated } from 'kysely';

/**
 * The catalog's tables. Times are ISO 8601 UTC text and flags are 0/1 integers on both SQLite
 * and PostgreSQL, so one set of queries serves both and text order is time order.
 */
export interface FeedsTable {
  name: string;
  source: string;
  url: string;
  max_age_ms: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  /** The last failure's message, cleared by the next good read. */
  last_error: string | null;
  last_error_code: string | null;
  /** Problems with single records in the last read, as a JSON array of FeedIssue. */
  last_issues: string;
}

export interface ProductsTable {
  id: string;
  name: string;
  platform: string;
  scheme: string;
  feed: string;
}

export interface TracksTable {
  product_id: string;
  id: string;
  name: string;
  /** 0 once the feed stops listing the track (an unsupported OS major, say). */
  supported: number;
  feed: string;
}

export interface ReleasesTable {
  product_id: string;
  track_id: string;
  version: string;
  build: string | null;
  released_at: string | null;
  /** JSON arrays of CVE ids. */
  cves: string;
  exploited_cves: string;
  url: string | null;
  feed: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface FeedRunsTable {
  id: Generated<number>;
  feed: string;
  started_at: string;
  finished_at: string;
  outcome: 'updated' | 'not-modified' | 'failed';
  releases_seen: number;
  releases_new: number;
  issues: number;
  error: string | null;
}

export interface HttpCacheTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  body: string;
  fetched_at: string;
}

/** Hardware models and the OS majors they run (SOFA `Models`), owned by the feed that lists them. */
export interface AppleModelsTable {
  product_id: string;
  model: string;
  marketing_name: string | null;
  /** JSON array of majors, newest first. */
  majors: string;
  feed: string;
}

export interface CatalogTables {
  feeds: FeedsTable;
  products: ProductsTable;
  tracks: TracksTable;
  releases: ReleasesTable;
  feed_runs: FeedRunsTable;
  http_cache: HttpCacheTable;
  apple_models: AppleModelsTable;
}
