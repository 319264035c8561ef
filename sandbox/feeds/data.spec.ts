import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEED_ROUTES, routeFile } from './routes.js';

const SHARED = new URL('../../../shared/fixtures/feeds/sofa/', import.meta.url);

describe('feed stand-in data', () => {
  it.each(['v1-macos_data_feed.json', 'v1-ios_data_feed.json', 'v1-macos_data_feed.2026-04.json'])(
    'vendored %s equals the shared fixture byte for byte',
    (name) => {
      const shared = new URL(name, SHARED);
      // The shared folder sits beside every checkout here and in CI; a bare clone elsewhere lacks it.
      expect(existsSync(shared), `missing ${shared.pathname}`).toBe(true);
      expect(
        readFileSync(new URL(`data/sofa/${name}`, import.meta.url)).equals(readFileSync(shared)),
      ).toBe(true);
    },
  );

  it.each(FEED_ROUTES.map((r) => [r.path, r] as const))('route %s has its file', (_path, route) => {
    expect(existsSync(routeFile(route))).toBe(true);
  });
});
