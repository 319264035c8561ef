import { PatchbayError } from '../../platform/errors/errors.js';
import type { FeedReadContext, FeedReadResult, ParsedFeed } from './types.js';

/** Parse a response body as JSON, naming the feed and URL when it is not JSON (e.g. truncated). */
export function parseJsonBody(feed: string, url: string, body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch (err) {
    throw new PatchbayError(
      'E_FEED_PARSE',
      `Feed ${feed}: ${url} did not return valid JSON (${(err as Error).message})`,
      { feed, url, field: '(document)' },
      { cause: err },
    );
  }
}

/** The common shape of a feed that is one JSON document at its URL. */
export async function readSingleJson(
  ctx: FeedReadContext,
  parse: (json: unknown, feed: string) => ParsedFeed,
): Promise<FeedReadResult> {
  const res = await ctx.http.getText(ctx.url);
  const parsed = parse(parseJsonBody(ctx.name, res.url, res.body), ctx.name);
  return { notModified: res.notModified, ...parsed };
}
