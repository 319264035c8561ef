import { PatchbayError } from '../../../platform/errors/errors.js';
import { parseJsonBody } from '../read-json.js';
import type { FeedReadContext, FeedReadResult, FeedSource } from '../types.js';
import { parseChrome } from './parse.js';
import type { ChromePage } from './parse.js';
import { chromeOptionsSchema } from './schema.js';

export { CHROME_PRODUCT, parseChrome } from './parse.js';
export type { ChromePage } from './parse.js';

// Serving lists are a handful of records; a token that never clears must not loop forever.
const MAX_PAGES = 20;

/** The URL of one page of a channel's serving releases under the API base. */
export function chromeReleasesUrl(
  base: string,
  platform: string,
  channel: string,
  pageToken?: string,
): string {
  const root = base.replace(/\/+$/, '');
  const url = `${root}/platforms/${platform}/channels/${channel}/versions/all/releases?filter=endtime=none`;
  return pageToken ? `${url}&pageToken=${encodeURIComponent(pageToken)}` : url;
}

// With the u flag a surrogate pair is one code point, so this matches only a lone half.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The next page's token; one that cannot go into a URL fails the feed, naming the field. */
function nextToken(json: unknown, feed: string, channel: string): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const token = (json as { nextPageToken?: unknown }).nextPageToken;
  if (typeof token !== 'string' || token === '') return undefined;
  // encodeURIComponent throws a URIError on a lone surrogate: a feed answer must not do that.
  if (LONE_SURROGATE.test(token)) {
    throw new PatchbayError(
      'E_FEED_PARSE',
      `Feed ${feed}: the ${channel} answer's nextPageToken is not valid text`,
      { feed, channel, field: 'nextPageToken' },
    );
  }
  return token;
}

/**
 * Google Chrome from the VersionHistory API: for each configured channel (a track), the
 * release currently served on the configured platform.
 */
export class ChromeSource implements FeedSource {
  static readonly id = 'chrome';
  readonly id = ChromeSource.id;
  readonly defaultUrl = 'https://versionhistory.googleapis.com/v1/chrome';
  // Chrome ships security fixes weekly; a day without an answer is worth flagging.
  readonly defaultMaxAgeMs = 24 * 60 * 60 * 1000;

  async read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const opts = chromeOptionsSchema.safeParse(ctx.options);
    if (!opts.success) {
      const issue = opts.error.issues[0];
      const key = `feeds.${ctx.name}.${issue?.path.map(String).join('.') ?? ''}`;
      throw new PatchbayError('E_CONFIG_INVALID', `${key}: ${issue?.message ?? 'invalid'}`, {
        feed: ctx.name,
        key,
      });
    }
    const { platform, channels } = opts.data;
    const pages: ChromePage[] = [];
    let allNotModified = true;
    for (const channel of channels) {
      let token: string | undefined;
      for (let n = 0; n < MAX_PAGES; n++) {
        const res = await ctx.http.getText(chromeReleasesUrl(ctx.url, platform, channel, token));
        allNotModified &&= res.notModified;
        const json = parseJsonBody(ctx.name, res.url, res.body);
        pages.push({ channel, json });
        token = nextToken(json, ctx.name, channel);
        if (token === undefined) break;
      }
      if (token !== undefined) {
        throw new PatchbayError(
          'E_FEED_PARSE',
          `Feed ${ctx.name}: the ${channel} releases list did not end after ${MAX_PAGES} pages`,
          { feed: ctx.name, channel, field: 'nextPageToken' },
        );
      }
    }
    return { notModified: allNotModified, ...parseChrome(pages, ctx.name) };
  }
}
