import type { Config } from '../platform/config/config.js';
import type { FeedSource } from './sources/types.js';

/** One feed to read: a source, the name it is stored under, and its settings. */
export interface ConfiguredFeed {
  readonly name: string;
  readonly source: string;
  readonly url: string;
  readonly maxAgeMs: number;
  readonly enabled: boolean;
  readonly options: Readonly<Record<string, unknown>>;
}

const COMMON_KEYS = new Set(['url', 'maxAge', 'enabled']);

/** Every feed the config names, built-in ones by source id and custom ones by their own name. */
export function configuredFeeds(
  config: Config,
  sources: ReadonlyMap<string, FeedSource>,
  customId: string,
): ConfiguredFeed[] {
  const feeds: ConfiguredFeed[] = [];
  for (const source of sources.values()) {
    if (source.id === customId) continue;
    const fc = config.feeds[source.id];
    if (!fc) continue;
    const options = Object.fromEntries(Object.entries(fc).filter(([k]) => !COMMON_KEYS.has(k)));
    feeds.push({
      name: source.id,
      source: source.id,
      url: fc.url,
      maxAgeMs: fc.maxAge,
      enabled: fc.enabled,
      options,
    });
  }
  const custom = sources.get(customId);
  for (const c of config.feeds.custom) {
    feeds.push({
      name: c.name,
      source: customId,
      url: c.url,
      maxAgeMs: c.maxAge ?? custom?.defaultMaxAgeMs ?? 7 * 86_400_000,
      enabled: c.enabled ?? true,
      options: {},
    });
  }
  return feeds;
}
