import type { Product } from '../../model.js';
import { readSingleJson } from '../read-json.js';
import { parseSofaFeed } from '../sofa-feed.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';

/** The product SOFA's macOS feed describes. */
export const MACOS_PRODUCT: Product = {
  id: 'macos',
  name: 'macOS',
  platform: 'macos',
  scheme: 'apple-os',
};

/**
 * Parse SOFA's v1 macOS feed: a track per major ("26" named "Tahoe 26"), every security release
 * of that major plus the Latest entry, which alone carries the build.
 */
export function parseSofaMacos(json: unknown, feed: string): ParsedFeed {
  return parseSofaFeed(json, feed, MACOS_PRODUCT);
}

/** macOS releases from SOFA (sofa.macadmins.io), the Mac admins' community feed. */
export class SofaMacosSource implements FeedSource {
  static readonly id = 'sofa-macos';
  readonly id = SofaMacosSource.id;
  readonly defaultUrl = 'https://sofa.macadmins.io/v1/macos_data_feed.json';
  // SOFA rebuilds every few hours; two days without a good read means something is wrong.
  readonly defaultMaxAgeMs = 2 * 24 * 60 * 60 * 1000;

  read(ctx: FeedReadContext): Promise<FeedReadResult> {
    return readSingleJson(ctx, parseSofaMacos);
  }
}
