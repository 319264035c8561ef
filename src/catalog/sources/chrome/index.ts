import { PatchbayError } from '../../../platform/errors/errors.js';
import { parseJsonBody } from '../read-json.js';
import type { FeedIssue } from '../../model.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';
import { chromeTrackId, parseChrome, platformFamily } from './parse.js';
import type { ChromePage } from './parse.js';
import { chromeOptionsSchema } from './schema.js';

export { CHROME_PRODUCT, chromeTrackId, parseChrome, platformFamily } from './parse.js';
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
 * Google Chrome from the VersionHistory API: for each configured platform and channel, the
 * release currently served there. Each platform judges the hosts of its own OS: Windows hosts
 * against win64's releases, which can differ from mac's by days and by build.
 */
export class ChromeSource implements FeedSource {
  static readonly id = 'chrome';
  readonly id = ChromeSource.id;
  readonly defaultUrl = 'https://versionhistory.googleapis.com/v1/chrome';
  // Chrome ships security fixes weekly; a day without an answer is worth flagging.
  readonly defaultMaxAgeMs = 24 * 60 * 60 * 1000;

  async read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const { platforms, channels } = readOptions(ctx.name, ctx.options);
    const pages: ChromePage[] = [];
    const unknown: FeedIssue[] = [];
    let allNotModified = true;
    for (const platform of platforms) {
      for (const channel of channels) {
        try {
          const read = await readChannel(ctx, platform, channel);
          pages.push(...read.pages);
          allNotModified &&= read.notModified;
        } catch (err) {
          const issue = unknownChannelIssue(err, ctx.name, platform, channel);
          if (!issue) throw err;
          unknown.push(issue);
        }
      }
    }
    if (unknown.length === channels.length * platforms.length) {
      throw new PatchbayError(
        'E_CONFIG_INVALID',
        `feeds.${ctx.name}.channels: VersionHistory knows none of ${channels.join(', ')} for platform ${platforms.join(', ')} (${KNOWN_CHANNELS})`,
        { feed: ctx.name, key: `feeds.${ctx.name}.channels` },
      );
    }
    const parsed = parseChrome(pages, ctx.name);
    return {
      notModified: allNotModified && unknown.length === 0,
      ...parsed,
      issues: [...unknown, ...parsed.issues, ...silentChannels(parsed, pages, ctx.name)],
    };
  }
}

/** Options checked, naming the config key; two platforms for one OS would fill one track twice. */
function readOptions(
  feed: string,
  options: Readonly<Record<string, unknown>>,
): { platforms: string[]; channels: string[] } {
  const fail = (key: string, message: string): PatchbayError =>
    new PatchbayError('E_CONFIG_INVALID', `${key}: ${message}`, { feed, key });
  const opts = chromeOptionsSchema.safeParse(options);
  if (!opts.success) {
    const issue = opts.error.issues[0];
    throw fail(
      `feeds.${feed}.${issue?.path.map(String).join('.') ?? ''}`,
      issue?.message ?? 'invalid',
    );
  }
  const { platform: platforms, channels } = opts.data;
  const seen = new Map<string, string>();
  for (const p of platforms) {
    const other = seen.get(platformFamily(p));
    if (other !== undefined) {
      throw fail(
        `feeds.${feed}.platform`,
        `${other} and ${p} both describe ${platformFamily(p)} hosts: name one of them`,
      );
    }
    seen.set(platformFamily(p), p);
  }
  return { platforms, channels };
}

const KNOWN_CHANNELS = 'channels are stable, extended, beta, dev, canary';

/** Every page of one channel's serving releases, following nextPageToken. */
async function readChannel(
  ctx: FeedReadContext,
  platform: string,
  channel: string,
): Promise<{ pages: ChromePage[]; notModified: boolean }> {
  const pages: ChromePage[] = [];
  let notModified = true;
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const res = await ctx.http.getText(chromeReleasesUrl(ctx.url, platform, channel, token));
    notModified &&= res.notModified;
    const json = parseJsonBody(ctx.name, res.url, res.body);
    pages.push({ channel, platform, json });
    token = nextToken(json, ctx.name, channel);
    if (token === undefined) return { pages, notModified };
  }
  throw new PatchbayError(
    'E_FEED_PARSE',
    `Feed ${ctx.name}: the ${channel} releases list did not end after ${MAX_PAGES} pages`,
    { feed: ctx.name, channel, field: 'nextPageToken' },
  );
}

/**
 * A channel the API answers 400 or 404 for is a typo in config ("stabel"), not an outage: it is
 * an issue naming the value, and the other channels still sync. Anything else fails the feed.
 */
function unknownChannelIssue(
  err: unknown,
  feed: string,
  platform: string,
  channel: string,
): FeedIssue | null {
  if (!(err instanceof PatchbayError) || err.code !== 'E_HTTP_STATUS') return null;
  const status = err.details.status;
  if (status !== 400 && status !== 404) return null;
  return {
    source: feed,
    record: channelRecord(channel, platform),
    field: 'channels',
    message: `VersionHistory has no channel "${channel}" for platform "${platform}" (HTTP ${String(status)}): check feeds.${feed}.channels and feeds.${feed}.platform (${KNOWN_CHANNELS})`,
  };
}

/** How issues name a channel: "channel stable" on mac, "channel stable on win64" elsewhere. */
function channelRecord(channel: string, platform: string): string {
  return platformFamily(platform) === 'macos'
    ? `channel ${channel}`
    : `channel ${channel} on ${platform}`;
}

/** A channel that answered but serves no release gives no target: say so instead of silence. */
function silentChannels(
  parsed: ParsedFeed,
  pages: readonly ChromePage[],
  feed: string,
): FeedIssue[] {
  const asked = new Map<string, { channel: string; platform: string }>();
  for (const p of pages) {
    const platform = p.platform ?? 'mac';
    asked.set(chromeTrackId(p.channel, platform), { channel: p.channel, platform });
  }
  return [...asked]
    .filter(([track]) => !parsed.releases.some((r) => r.track === track))
    .map(([, { channel, platform }]) => ({
      source: feed,
      record: channelRecord(channel, platform),
      field: 'channels',
      message: `VersionHistory serves no release on channel "${channel}" for platform "${platform}": check feeds.${feed}.channels (${KNOWN_CHANNELS})`,
    }));
}
