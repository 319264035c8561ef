import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

/** A path the stand-in serves and the file behind it, relative to the project root. */
export interface FeedRoute {
  readonly path: string;
  readonly file: string;
  readonly contentType: string;
}

const src = (id: string, file: string): string =>
  join('src/catalog/sources', id, '__fixtures__', file);

/**
 * Paths mirror the real hosts' paths under a prefix per host, so the config for the stand-in is
 * the real config with a different origin (see sandboxFeedConfig).
 */
export const FEED_ROUTES: readonly FeedRoute[] = [
  {
    path: '/sofa/v1/macos_data_feed.json',
    file: 'sandbox/feeds/data/sofa/v1-macos_data_feed.json',
    contentType: 'application/json',
  },
  {
    path: '/sofa/v1/ios_data_feed.json',
    file: 'sandbox/feeds/data/sofa/v1-ios_data_feed.json',
    contentType: 'application/json',
  },
  {
    path: '/versionhistory/v1/chrome/platforms/mac/channels/stable/versions/all/releases',
    file: src('chrome', 'mac-stable-serving.json'),
    contentType: 'application/json',
  },
  {
    // VersionHistory per platform: the stand-in has a real capture of win (not win64) only.
    path: '/versionhistory/v1/chrome/platforms/win/channels/stable/versions/all/releases',
    file: src('chrome', 'win-stable-serving.json'),
    contentType: 'application/json',
  },
  {
    path: '/chromereleases/feeds/posts/default',
    file: src('chrome-releases', 'feed.xml'),
    contentType: 'application/atom+xml',
  },
  {
    path: '/product-details/1.0/firefox_versions.json',
    file: src('firefox', 'firefox_versions.json'),
    contentType: 'application/json',
  },
  {
    path: '/product-details/1.0/firefox.json',
    file: src('firefox', 'firefox.json'),
    contentType: 'application/json',
  },
  {
    path: '/edge/api/products',
    file: 'sandbox/feeds/data/edge/products.2026-09-10.json',
    contentType: 'application/json',
  },
  {
    path: '/homebrew/api/cask/docker.json',
    file: src('homebrew', 'docker.json'),
    contentType: 'application/json',
  },
  {
    path: '/custom/acme-vpn.json',
    file: src('custom', 'acme-vpn.json'),
    contentType: 'application/json',
  },
];

export function routeFile(route: FeedRoute): string {
  return join(repoRoot(), route.file);
}
