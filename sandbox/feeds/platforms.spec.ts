import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromeSource } from '../../src/catalog/sources/chrome/index.js';
import { EdgeSource } from '../../src/catalog/sources/edge/index.js';
import type { FeedHttp } from '../../src/catalog/sources/types.js';
import { FeedStandIn } from './server.js';
import { standInFeedEnv } from './stand-in-config.js';

/** Plain GETs against the stand-in: what the sources do through the HTTP client. */
const http: FeedHttp = {
  getText: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    return { url, body: await res.text(), notModified: false };
  },
};

describe('feed stand-in per-platform endpoints', () => {
  const standIn = new FeedStandIn();
  let base = '';
  beforeAll(async () => {
    base = await standIn.listen();
  });
  afterAll(() => standIn.close());

  it('serves VersionHistory per platform: win fills stable/windows beside mac stable', async () => {
    const res = await new ChromeSource().read({
      name: 'chrome',
      url: `${base}/versionhistory/v1/chrome`,
      options: { platform: 'mac,win', channels: ['stable'] },
      http,
    });
    expect(res.releases.map((r) => [r.track, r.version])).toEqual([
      ['stable', '153.0.8010.53'],
      ['stable/windows', '154.0.8037.58'],
    ]);
    expect(res.issues).toEqual([]);
  });

  it('points Edge at every platform of its document and Chrome at mac alone', () => {
    const env = standInFeedEnv(base);
    expect(env.PATCHBAY_FEEDS__EDGE__PLATFORM).toBe('MacOS,Windows,Linux');
    // The win capture is younger than the demo clock: reading it would show a future release.
    expect(env.PATCHBAY_FEEDS__CHROME__PLATFORM).toBe('mac');
  });

  it('serves the real Edge capture with its releases per platform', async () => {
    const res = await new EdgeSource().read({
      name: 'edge',
      url: `${base}/edge/api/products`,
      options: { platform: 'MacOS,Windows,Linux' },
      http,
    });
    // The real 2026-09-10 capture, as its authors trimmed it: Stable for macOS and Linux only, so
    // Windows computers fall back to the macOS Stable track with that reason.
    expect([...new Set(res.releases.map((r) => r.track))].sort()).toEqual([
      'beta',
      'beta/windows',
      'dev',
      'dev/windows',
      'stable',
      'stable/linux',
    ]);
  });
});
