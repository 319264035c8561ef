import { PatchbayError } from '../../../platform/errors/errors.js';
import { readSingleJson } from '../read-json.js';
import type { FeedReadContext, FeedReadResult, FeedSource } from '../types.js';
import { parseCustomFeed } from './parse.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A hand-written feed for products no public feed covers (an in-house VPN client, a vendor with
 * no feed). Several can be configured (`feeds.custom: [{ name, url }]`); each reads under its own
 * name, which is what its issues are reported as.
 */
export class CustomSource implements FeedSource {
  static readonly id = 'custom';
  readonly id = CustomSource.id;
  /** There is no public custom feed: every one must name its own URL. */
  readonly defaultUrl = '';
  // Hand-maintained files change rarely; a week without a good read is worth flagging.
  readonly defaultMaxAgeMs = 7 * DAY_MS;

  read(ctx: FeedReadContext): Promise<FeedReadResult> {
    if (ctx.url.trim() === '') {
      return Promise.reject(
        new PatchbayError('E_CONFIG_INVALID', `Custom feed ${ctx.name} has no url`, {
          feed: ctx.name,
          key: 'feeds.custom[].url',
        }),
      );
    }
    return readSingleJson(ctx, parseCustomFeed);
  }
}
