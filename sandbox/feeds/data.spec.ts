import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EDGE_DEFAULT_PLATFORMS, parseEdge } from '../../src/catalog/sources/edge/index.js';
import { FEED_ROUTES, routeFile } from './routes.js';

/**
 * The captures as taken from public repositories (each folder's SOURCES.md says which): a
 * reformatted or edited copy would no longer be the real wire format the feed specs and the demo
 * rely on. Paths are relative to data/.
 */
const CAPTURES: Readonly<Record<string, string>> = {
  'sofa/v1-macos_data_feed.json':
    'f586daaf4ab1c4b295d8d8b81ae33a84845dd3142e66b279de6ce8fa30a155c0',
  'sofa/v1-ios_data_feed.json': '0e9d9f68e4b8edd07dc37b0114ab800f8903e7489dd638e27253075bf9ae5ec6',
  'sofa/v1-macos_data_feed.2026-04.json':
    'c26b30f263a0d264560bf689c732a7ff838c6530a2829c372099ed40a22b7b79',
  'edge/products.2026-09-10.json':
    '9729565f09014fa5a1cf0bcd237baa6c1f842f86efe777d17e9b2fd7bc2726d1',
};

describe('feed stand-in data', () => {
  it.each(Object.entries(CAPTURES))('%s is the capture, byte for byte', (name, sha256) => {
    const bytes = readFileSync(new URL(`data/${name}`, import.meta.url));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });

  it.each(FEED_ROUTES.map((r) => [r.path, r] as const))('route %s has its file', (_path, route) => {
    expect(existsSync(routeFile(route))).toBe(true);
  });

  // The Edge capture was trimmed by its authors: it must still give the Edge source real Stable
  // macOS and Linux releases, with no issue, or the demo would serve a document it cannot read.
  it('the Edge capture parses with the Edge source', () => {
    const json: unknown = JSON.parse(
      readFileSync(new URL('data/edge/products.2026-09-10.json', import.meta.url), 'utf8'),
    );
    const parsed = parseEdge(json, 'edge', EDGE_DEFAULT_PLATFORMS);
    expect(parsed.issues).toEqual([]);
    const stable = parsed.releases.filter((r) => r.track.startsWith('stable'));
    expect(stable.map((r) => [r.track, r.version, r.releasedAt])).toEqual([
      ['stable', '152.0.4191.66', '2026-09-04T23:27:00.000Z'],
      ['stable/linux', '152.0.4191.66', '2026-09-04T22:22:00.000Z'],
    ]);
  });
});
