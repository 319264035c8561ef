import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEED_ROUTES, routeFile } from './routes.js';

/**
 * The captures as taken from macadmins/sofa (see data/sofa/SOURCES.md): a reformatted or edited
 * copy would no longer be the real wire format the feed specs and the demo rely on.
 */
const CAPTURES: Readonly<Record<string, string>> = {
  'v1-macos_data_feed.json': 'f586daaf4ab1c4b295d8d8b81ae33a84845dd3142e66b279de6ce8fa30a155c0',
  'v1-ios_data_feed.json': '0e9d9f68e4b8edd07dc37b0114ab800f8903e7489dd638e27253075bf9ae5ec6',
  'v1-macos_data_feed.2026-04.json':
    'c26b30f263a0d264560bf689c732a7ff838c6530a2829c372099ed40a22b7b79',
};

describe('feed stand-in data', () => {
  it.each(Object.entries(CAPTURES))('%s is the capture, byte for byte', (name, sha256) => {
    const bytes = readFileSync(new URL(`data/sofa/${name}`, import.meta.url));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });

  it.each(FEED_ROUTES.map((r) => [r.path, r] as const))('route %s has its file', (_path, route) => {
    expect(existsSync(routeFile(route))).toBe(true);
  });
});
