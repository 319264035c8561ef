import type { Product } from '../../model.js';
import { readSingleJson } from '../read-json.js';
import { parseSofaFeed } from '../sofa-feed.js';
import type { FeedReadContext, FeedReadResult, FeedSource, ParsedFeed } from '../types.js';

/** The product SOFA's iOS feed describes (iPadOS shares its versions). */
export const IOS_PRODUCT: Product = {
  id: 'ios',
  name: 'iOS',
  platform: 'ios',
  scheme: 'apple-os',
};

/**
 * Parse SOFA's v1 iOS feed: a track per major ("18", named "iOS 18" since the feed's OSVersion
 * is the bare number), every security release of that major plus the Latest entry and its build.
 */
export function parseSofaIos(json: unknown, feed: string): ParsedFeed {
  return parseSofaFeed(json, feed, IOS_PRODUCT);
}

/** iOS and iPadOS releases from SOFA (sofa.macadmins.io). */
export class SofaIosSource implements FeedSource {
  static readonly id = 'sofa-ios';
  readonly id = SofaIosSource.id;
  readonly defaultUrl = 'https://sofa.macadmins.io/v1/ios_data_feed.json';
  // Same cadence as the macOS feed: SOFA rebuilds both together.
  readonly defaultMaxAgeMs = 2 * 24 * 60 * 60 * 1000;

  read(ctx: FeedReadContext): Promise<FeedReadResult> {
    return readSingleJson(ctx, parseSofaIos);
  }
}
