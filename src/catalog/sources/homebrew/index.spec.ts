import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedHttp, FeedReadContext, FeedResponse } from '../types.js';
import { DEFAULT_CASKS, HomebrewSource, caskUrl } from './index.js';

const BASE = 'https://formulae.brew.sh/api/cask/';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

/** A stand-in for ctx.http: a body (or 304 body) per URL; anything else fails like a 404 does. */
function fakeHttp(bodies: Record<string, { body: string; notModified?: boolean }>): FeedHttp & {
  urls: string[];
} {
  const urls: string[] = [];
  return {
    urls,
    getText(url: string): Promise<FeedResponse> {
      urls.push(url);
      const hit = bodies[url];
      if (!hit)
        return Promise.reject(
          new PatchbayError('E_HTTP_STATUS', `GET ${url} answered 404`, { url, status: 404 }),
        );
      return Promise.resolve({ url, body: hit.body, notModified: hit.notModified ?? false });
    },
  };
}

function ctx(http: FeedHttp, casks?: unknown): FeedReadContext {
  return { name: 'homebrew', url: BASE, options: casks === undefined ? {} : { casks }, http };
}

describe('HomebrewSource', () => {
  const source = new HomebrewSource();

  it('declares its id, default URL and max age', () => {
    expect(source.id).toBe('homebrew');
    expect(HomebrewSource.id).toBe('homebrew');
    expect(source.defaultUrl).toBe(BASE);
    expect(source.defaultMaxAgeMs).toBe(86_400_000);
  });

  it.each([
    [BASE, 'firefox', `${BASE}firefox.json`],
    [
      'https://mirror.example/cask',
      'google-chrome@beta',
      'https://mirror.example/cask/google-chrome%40beta.json',
    ],
  ])('caskUrl(%s, %s) = %s', (base, token, url) => {
    expect(caskUrl(base, token)).toBe(url);
  });

  it('reads the default casks when config names none', async () => {
    const http = fakeHttp({ [`${BASE}firefox.json`]: { body: fixture('everything.json') } });
    await source.read(ctx(http));
    expect(http.urls).toEqual(DEFAULT_CASKS.map((t) => `${BASE}${t}.json`));
  });

  it('keeps the other casks when one 404s, reporting it under its token', async () => {
    const http = fakeHttp({
      [`${BASE}everything.json`]: { body: fixture('everything.json') },
      [`${BASE}docker.json`]: { body: fixture('docker.json') },
    });
    const res = await source.read(ctx(http, ['everything', 'gone', 'docker']));
    expect(res.products.map((p) => p.id)).toEqual(['everything', 'docker']);
    expect(res.releases.map((r) => r.version)).toEqual(['1.2.3', '3.6.0']);
    expect(res.issues.map((i) => [i.source, i.record, i.field])).toEqual([
      ['homebrew', 'gone', '(record)'],
    ]);
    expect(res.issues[0]?.message).toContain('404');
    // An unknown cask is a config typo: the message names the token and the key to fix.
    expect(res.issues[0]?.message).toContain('no cask "gone"');
    expect(res.issues[0]?.message).toContain('feeds.homebrew.casks');
    expect(res.notModified).toBe(false);
  });

  it('reports a cask whose body is not JSON as an issue, not a failed feed', async () => {
    const http = fakeHttp({
      [`${BASE}everything.json`]: { body: fixture('everything.json') },
      [`${BASE}docker.json`]: { body: '{"token": "dock' },
    });
    const res = await source.read(ctx(http, ['everything', 'docker']));
    expect(res.products).toHaveLength(1);
    expect(res.issues).toEqual([expect.objectContaining({ record: 'docker' })]);
  });

  it('fails the whole feed with the first error when every cask fails', async () => {
    const http = fakeHttp({});
    const read = source.read(ctx(http, ['a', 'b']));
    await expect(read).rejects.toMatchObject({ code: 'E_HTTP_STATUS' });
    await expect(read).rejects.toThrow(`GET ${BASE}a.json answered 404`);
  });

  it.each([
    [true, true, true],
    [true, false, false],
    [false, false, false],
  ])('notModified is %s only when every cask answered 304 (%s, %s)', async (a, b, expected) => {
    const http = fakeHttp({
      [`${BASE}everything.json`]: { body: fixture('everything.json'), notModified: a },
      [`${BASE}docker.json`]: { body: fixture('docker.json'), notModified: b },
    });
    const res = await source.read(ctx(http, ['everything', 'docker']));
    expect(res.notModified).toBe(expected);
    expect(res.products).toHaveLength(2);
  });

  it.each([[[]], ['firefox'], [[1, 2]]])(
    'rejects casks option %j as a config error',
    async (casks) => {
      await expect(source.read(ctx(fakeHttp({}), casks))).rejects.toMatchObject({
        code: 'E_CONFIG_INVALID',
      });
    },
  );
});
