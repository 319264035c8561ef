import { PatchbayError, describeError } from '../../../platform/errors/errors.js';
import type { FeedIssue, Product, Release, Track } from '../../model.js';
import { parseJsonBody } from '../read-json.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';
import { parseHomebrewCask } from './parse.js';

/** The casks watched when config lists none: the apps most Mac fleets run. */
export const DEFAULT_CASKS: readonly string[] = [
  'google-chrome',
  'firefox',
  'zoom',
  'slack',
  'microsoft-edge',
  '1password',
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** `feeds.homebrew.casks`: absent means the defaults; anything but a list of tokens is a config error. */
export function casksOption(options: Readonly<Record<string, unknown>>): readonly string[] {
  const casks = options.casks;
  if (casks === undefined) return DEFAULT_CASKS;
  const valid = Array.isArray(casks) && casks.length > 0;
  if (!valid || !casks.every((c) => typeof c === 'string' && c.trim() !== '')) {
    throw new PatchbayError(
      'E_CONFIG_INVALID',
      'feeds.homebrew.casks must be a non-empty list of cask tokens',
      {
        key: 'feeds.homebrew.casks',
      },
    );
  }
  return [...new Set(casks.map((c: string) => c.trim()))];
}

/** `{url}{token}.json`, tolerating a configured base without its trailing slash. */
export function caskUrl(base: string, token: string): string {
  const slash = base.endsWith('/') ? base : `${base}/`;
  return `${slash}${encodeURIComponent(token)}.json`;
}

/**
 * Homebrew's cask JSON API: one request per configured cask, one product per cask. A cask that
 * fails (404, 5xx after retries, not JSON) is reported as an issue and the others still sync;
 * only when every cask fails is the feed itself failed, so a dead API is never "no casks".
 */
export class HomebrewSource implements FeedSource {
  static readonly id = 'homebrew';
  readonly id = HomebrewSource.id;
  readonly defaultUrl = 'https://formulae.brew.sh/api/cask/';
  readonly defaultMaxAgeMs = DAY_MS;

  async read(ctx: FeedReadContext): Promise<FeedReadResult> {
    const casks = casksOption(ctx.options);
    const outcomes = await Promise.allSettled(
      casks.map(async (token) => {
        const res = await ctx.http.getText(caskUrl(ctx.url, token));
        return {
          notModified: res.notModified,
          parsed: parseHomebrewCask(parseJsonBody(ctx.name, res.url, res.body), ctx.name),
        };
      }),
    );

    const parsed: ParsedFeed[] = [];
    const issues: FeedIssue[] = [];
    let firstError: unknown;
    let allNotModified = true;
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') {
        parsed.push(outcome.value.parsed);
        allNotModified &&= outcome.value.notModified;
        return;
      }
      firstError ??= outcome.reason;
      allNotModified = false;
      issues.push({
        source: ctx.name,
        record: casks[i] ?? `#${i}`,
        field: '(record)',
        message: caskFailure(outcome.reason, casks[i] ?? `#${i}`, ctx.name),
      });
    });
    if (parsed.length === 0) throw firstError;

    return {
      notModified: allNotModified,
      products: parsed.flatMap((p): readonly Product[] => p.products),
      tracks: parsed.flatMap((p): readonly Track[] => p.tracks),
      releases: parsed.flatMap((p): readonly Release[] => p.releases),
      issues: [...parsed.flatMap((p): readonly FeedIssue[] => p.issues), ...issues],
    };
  }
}

/**
 * Why a cask gave nothing. A 404 means Homebrew has no such cask: a typo or a renamed cask in
 * config, so the message names the token and the key to fix rather than only a URL.
 */
function caskFailure(reason: unknown, token: string, feed: string): string {
  if (
    reason instanceof PatchbayError &&
    reason.code === 'E_HTTP_STATUS' &&
    reason.details.status === 404
  )
    return `Homebrew has no cask "${token}" (HTTP 404): check feeds.${feed}.casks (the token is the name in \`brew install --cask <token>\`)`;
  return describeError(reason);
}
