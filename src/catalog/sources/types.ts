import type { AppleModel, FeedIssue, Product, Release, Track } from '../model.js';

/** What a feed source gets to read one feed: its configured URL, options and the HTTP client. */
export interface FeedReadContext {
  /** The configured feed name (`sofa-macos`, or a custom feed's own name). */
  readonly name: string;
  readonly url: string;
  /** Source-specific options from config (e.g. homebrew's `casks`). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly http: FeedHttp;
}

/** The slice of the outbound HTTP client a feed needs: conditional GET with a cached body. */
export interface FeedHttp {
  /**
   * GET a URL with If-None-Match / If-Modified-Since from the previous answer. On 304 the body
   * of that previous answer is returned with `notModified: true`, so a source can always parse.
   */
  getText(url: string, opts?: { headers?: Record<string, string> }): Promise<FeedResponse>;
}

export interface FeedResponse {
  readonly url: string;
  readonly body: string;
  readonly notModified: boolean;
}

/** Everything one read of a feed produced. */
export interface FeedReadResult {
  /** True when every request of this read was answered 304: nothing to store. */
  readonly notModified: boolean;
  readonly products: readonly Product[];
  /** The tracks the feed lists now; a track that drops out is no longer supported. */
  readonly tracks: readonly Track[];
  readonly releases: readonly Release[];
  readonly issues: readonly FeedIssue[];
  /** Hardware models and the majors they run, from a feed that lists them (SOFA macOS). */
  readonly models?: readonly AppleModel[];
}

/** The pure half of a feed: text in, records out. Tests call it with fixtures. */
export interface ParsedFeed {
  readonly products: readonly Product[];
  readonly tracks: readonly Track[];
  readonly releases: readonly Release[];
  readonly issues: readonly FeedIssue[];
  /** Hardware models and the majors they run, from a feed that lists them (SOFA macOS). */
  readonly models?: readonly AppleModel[];
}

/**
 * A kind of version feed. One folder per source under catalog/sources/, registered in api.ts.
 * `read` fetches through ctx.http and parses; a whole-feed failure (HTTP, unparseable JSON)
 * throws a PatchbayError, a bad record becomes a FeedIssue.
 */
export interface FeedSource {
  readonly id: string;
  /** The public URL used when config names none. */
  readonly defaultUrl: string;
  /** How old the last good read may get before the feed's products are stale, in ms. */
  readonly defaultMaxAgeMs: number;
  read(ctx: FeedReadContext): Promise<FeedReadResult>;
}
