import { readFileSync } from 'node:fs';
import type { CatalogInput } from '../catalog.js';
import { parseSofaMacos } from '../sources/sofa-macos/index.js';

/** The real SOFA macOS feed the stand-in serves (sandbox/feeds/data/sofa/SOURCES.md). */
const FEED = new URL('../../../sandbox/feeds/data/sofa/v1-macos_data_feed.json', import.meta.url);

/**
 * The catalog a sync of that feed would hold, read once at `synced`: every track supported by
 * the feed, the models it lists, and a healthy feed with a 2-day max age.
 */
export function sofaCatalog(synced: string): CatalogInput {
  const feed = parseSofaMacos(JSON.parse(readFileSync(FEED, 'utf8')), 'sofa-macos');
  return {
    products: feed.products,
    tracks: feed.tracks.map((t) => ({ ...t, supported: true, feed: 'sofa-macos' })),
    releases: feed.releases.map((r) => ({ ...r, feed: 'sofa-macos', firstSeenAt: synced })),
    feeds: [
      {
        name: 'sofa-macos',
        maxAgeMs: 2 * 86_400_000,
        lastSuccessAt: synced,
        lastAttemptAt: synced,
        lastError: null,
      },
    ],
    models: feed.models ?? [],
  };
}
