import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedHttp, FeedReadContext } from '../types.js';
import { ChromeSource, chromeReleasesUrl, parseChrome } from './index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const servingText = fixture('mac-stable-serving.json');
const serving = JSON.parse(servingText) as { releases: Record<string, unknown>[] };
const history = JSON.parse(fixture('mac-stable-history-trimmed.json')) as typeof serving;
const winServingText = fixture('win-stable-serving.json');
const BASE = 'https://versionhistory.googleapis.com/v1/chrome';

/**
 * Answers each URL from a table; an unknown URL fails the test. A `status` answers as the HTTP
 * client does for a refused request: E_HTTP_STATUS carrying the status.
 */
function fakeHttp(
  answers: Record<string, { body: string; notModified?: boolean } | { status: number }>,
) {
  const urls: string[] = [];
  const http: FeedHttp = {
    getText: (url) => {
      urls.push(url);
      const a = answers[url];
      if (!a) return Promise.reject(new Error(`unexpected request ${url}`));
      if ('status' in a)
        return Promise.reject(
          new PatchbayError('E_HTTP_STATUS', `GET ${url} answered ${a.status}`, {
            url,
            status: a.status,
          }),
        );
      return Promise.resolve({ url, body: a.body, notModified: a.notModified ?? false });
    },
  };
  return { http, urls };
}

// Most cases read mac alone; the per-platform cases below name their platforms.
const ctx = (
  http: FeedHttp,
  options: Record<string, unknown> = { platform: 'mac' },
): FeedReadContext => ({
  name: 'chrome',
  url: BASE,
  options,
  http,
});

describe('parseChrome', () => {
  it('picks the fully served release, not a 0.5% rollout of a newer one', () => {
    const res = parseChrome([{ channel: 'stable', json: serving }], 'chrome');
    expect(res.products).toEqual([
      { id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' },
    ]);
    expect(res.tracks).toEqual([{ product: 'chrome', id: 'stable', name: 'Stable' }]);
    expect(res.releases).toEqual([
      {
        product: 'chrome',
        track: 'stable',
        version: '153.0.8010.53',
        build: null,
        releasedAt: '2026-09-17T18:50:18.598Z',
        cves: [],
        exploitedCves: [],
        url: null,
      },
    ]);
    expect(res.issues).toEqual([]);
  });

  it('ignores releases that stopped serving (endTime set)', () => {
    const res = parseChrome([{ channel: 'stable', json: history }], 'chrome');
    expect(res.releases.map((r) => r.version)).toEqual(['153.0.8010.53']);
  });

  const rel = (version: string, fraction: number | undefined, start = '2026-09-17T18:50:18Z') => ({
    version,
    serving: { startTime: start },
    ...(fraction === undefined ? {} : { fraction }),
  });
  it.each([
    [
      'no full rollout: the widest wins',
      [rel('154.0.1.1', 0.1), rel('153.0.1.9', 0.9)],
      '153.0.1.9',
    ],
    [
      'two full rollouts: the newer wins',
      [rel('153.0.1.9', 1), rel('153.0.1.10', 1)],
      '153.0.1.10',
    ],
    [
      'omitted fraction counts as 0',
      [rel('155.0.0.1', undefined), rel('154.0.0.1', 0.01)],
      '154.0.0.1',
    ],
    ['nothing serving: no release', [], undefined],
  ])('%s', (_label, releases, expected) => {
    const res = parseChrome([{ channel: 'extended', json: { releases } }], 'chrome');
    expect(res.tracks.map((t) => t.id)).toEqual(['extended']);
    expect(res.releases[0]?.version).toBe(expected);
  });

  it('reports a malformed release naming it and its field; the rest still count', () => {
    const doc = structuredClone(serving);
    const victim = doc.releases[5] as { serving: { startTime: string } };
    victim.serving.startTime = 'not-a-date';
    delete doc.releases[4]?.version;
    const res = parseChrome([{ channel: 'stable', json: doc }], 'chrome');
    expect(res.issues).toEqual([
      expect.objectContaining({
        record: 'chrome/platforms/mac/channels/stable/versions/153.0.8010.49/releases/1789597753',
        field: 'version',
      }),
      expect.objectContaining({
        record: 'chrome/platforms/mac/channels/stable/versions/154.0.8037.44/releases/1789597753',
        field: 'serving.startTime',
      }),
    ]);
    expect(res.releases.map((r) => r.version)).toEqual(['153.0.8010.53']);
  });

  // Found by the feed property test: a blank name became a blank record.
  it('names a malformed release with a blank name by its channel and place', () => {
    const res = parseChrome([{ channel: 'stable', json: { releases: [{ name: ' ' }] } }], 'chrome');
    expect(res.issues[0]?.record).toBe('stable: releases[0]');
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['releases not a list', { releases: 'none' }],
  ])('rejects %s as a whole with E_FEED_PARSE naming the channel', (_label, json) => {
    expect(() => parseChrome([{ channel: 'stable', json }], 'chrome')).toThrow(
      expect.objectContaining({
        code: 'E_FEED_PARSE',
        details: { feed: 'chrome', channel: 'stable', field: 'releases' },
      }),
    );
  });
});

describe('ChromeSource', () => {
  const source = new ChromeSource();
  const url = (channel: string, platform = 'mac', token?: string) =>
    chromeReleasesUrl(BASE, platform, channel, token);

  it('has its folder id, the API base and a one-day max age', () => {
    expect([source.id, ChromeSource.id]).toEqual(['chrome', 'chrome']);
    expect(source.defaultUrl).toBe(BASE);
    expect(source.defaultMaxAgeMs).toBe(86_400_000);
  });

  it('asks for the serving releases of stable and extended on mac and win64 by default', async () => {
    const { http, urls } = fakeHttp({
      [url('stable')]: { body: servingText },
      [url('extended')]: { body: '{}' },
      [url('stable', 'win64')]: { body: winServingText },
      [url('extended', 'win64')]: { body: '{}' },
    });
    const res = await source.read(ctx(http, {}));
    expect(urls).toEqual([
      `${BASE}/platforms/mac/channels/stable/versions/all/releases?filter=endtime=none`,
      `${BASE}/platforms/mac/channels/extended/versions/all/releases?filter=endtime=none`,
      `${BASE}/platforms/win64/channels/stable/versions/all/releases?filter=endtime=none`,
      `${BASE}/platforms/win64/channels/extended/versions/all/releases?filter=endtime=none`,
    ]);
    expect(res.tracks.map((t) => t.id)).toEqual([
      'stable',
      'extended',
      'stable/windows',
      'extended/windows',
    ]);
    expect(res.releases.map((r) => `${r.track} ${r.version}`)).toEqual([
      'stable 153.0.8010.53',
      'stable/windows 154.0.8037.58',
    ]);
  });

  it('reads options.platform and options.channels, and follows nextPageToken', async () => {
    const page1 = JSON.stringify({ releases: [], nextPageToken: 'p/2' });
    const { http, urls } = fakeHttp({
      [url('beta', 'win64')]: { body: page1 },
      [url('beta', 'win64', 'p/2')]: { body: servingText },
    });
    const res = await source.read(ctx(http, { platform: 'win64', channels: ['beta'] }));
    expect(urls[1]).toBe(`${url('beta', 'win64')}&pageToken=p%2F2`);
    expect(res.releases.map((r) => r.track)).toEqual(['beta/windows']);
  });

  // Each platform's own capture gives its own track: the Windows release is not the Mac one.
  it.each([
    [
      'mac',
      'mac-stable-serving.json',
      'stable',
      'Stable',
      '153.0.8010.53',
      '2026-09-17T18:50:18.598Z',
    ],
    [
      'win',
      'win-stable-serving.json',
      'stable/windows',
      'Stable (Windows)',
      '154.0.8037.58',
      '2026-09-22T18:08:40.926Z',
    ],
  ])('platform %s: %s fills track %s', async (platform, file, track, name, version, at) => {
    const { http } = fakeHttp({ [url('stable', platform)]: { body: fixture(file) } });
    const res = await source.read(ctx(http, { platform, channels: ['stable'] }));
    expect(res.tracks).toEqual([{ product: 'chrome', id: track, name }]);
    expect(res.releases).toEqual([
      expect.objectContaining({ track, version, releasedAt: at, cves: [] }),
    ]);
    expect(res.issues).toEqual([]);
  });

  it('reads several platforms from a comma list, one track each per channel', async () => {
    const { http } = fakeHttp({
      [url('stable')]: { body: servingText },
      [url('stable', 'win')]: { body: winServingText },
    });
    const res = await source.read(ctx(http, { platform: 'mac, win', channels: ['stable'] }));
    expect(res.releases.map((r) => `${r.track} ${r.version}`)).toEqual([
      'stable 153.0.8010.53',
      'stable/windows 154.0.8037.58',
    ]);
  });

  it('refuses two platforms of one OS (they would fill one track)', async () => {
    const { http, urls } = fakeHttp({});
    await expect(source.read(ctx(http, { platform: 'win,win64' }))).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      details: { key: 'feeds.chrome.platform' },
    });
    expect(urls).toEqual([]);
  });

  it('a platform VersionHistory does not know is an issue naming channel and platform', async () => {
    const { http } = fakeHttp({
      [url('stable')]: { body: servingText },
      [url('stable', 'win64')]: { status: 404 },
    });
    const res = await source.read(ctx(http, { platform: 'mac,win64', channels: ['stable'] }));
    expect(res.releases.map((r) => r.track)).toEqual(['stable']);
    expect(res.issues.map((i) => i.record)).toEqual(['channel stable on win64']);
  });

  it.each([
    [true, true, true],
    [true, false, false],
    [false, false, false],
  ])('stable 304=%s, extended 304=%s: notModified=%s', async (a, b, expected) => {
    const { http } = fakeHttp({
      [url('stable')]: { body: servingText, notModified: a },
      [url('extended')]: { body: servingText, notModified: b },
    });
    expect((await source.read(ctx(http))).notModified).toBe(expected);
  });

  it.each([
    ['a truncated body', { [url('stable')]: { body: servingText.slice(0, 300) } }, 'E_FEED_PARSE'],
    [
      'a token that never clears',
      {
        [url('stable')]: { body: '{"nextPageToken":"x"}' },
        [url('stable', 'mac', 'x')]: { body: '{"nextPageToken":"x"}' },
      },
      'E_FEED_PARSE',
    ],
    // Found by the feed property test: encodeURIComponent threw a URIError on it.
    [
      'a token with a lone surrogate',
      { [url('stable')]: { body: '{"nextPageToken":"a\\ud800"}' } },
      'E_FEED_PARSE',
    ],
  ])('fails %s with %s', async (_label, answers, code) => {
    const { http } = fakeHttp(answers);
    await expect(
      source.read(ctx(http, { platform: 'mac', channels: ['stable'] })),
    ).rejects.toMatchObject({ code });
  });

  it('names the config key of a bad option', async () => {
    const { http, urls } = fakeHttp({});
    await expect(
      source.read(ctx(http, { platform: 'mac', channels: ['stable/../x'] })),
    ).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      details: { key: 'feeds.chrome.channels.0' },
    });
    expect(urls).toEqual([]);
  });

  it.each([400, 404])(
    'an unknown channel (HTTP %i) is an issue naming it; the other channels still sync',
    async (status) => {
      const { http } = fakeHttp({
        [url('stable')]: { body: servingText },
        [url('stabel')]: { status },
      });
      const res = await source.read(ctx(http, { platform: 'mac', channels: ['stabel', 'stable'] }));
      expect(res.releases.map((r) => `${r.track} ${r.version}`)).toEqual(['stable 153.0.8010.53']);
      expect(res.issues).toHaveLength(1);
      expect(res.issues[0]).toMatchObject({
        source: 'chrome',
        record: 'channel stabel',
        field: 'channels',
      });
      expect(res.issues[0]?.message).toContain('"stabel"');
      // Not a 304 of everything: the answer changed by missing a channel.
      expect(res.notModified).toBe(false);
    },
  );

  it('a channel that serves no release is an issue naming it', async () => {
    const { http } = fakeHttp({
      [url('stable')]: { body: servingText },
      [url('extended')]: { body: '{}' },
    });
    const res = await source.read(ctx(http));
    expect(res.issues.map((i) => i.record)).toEqual(['channel extended']);
    expect(res.issues[0]?.message).toContain('"extended"');
  });

  it('every channel unknown fails the feed with a config error naming them', async () => {
    const { http } = fakeHttp({ [url('nope')]: { status: 404 }, [url('nada')]: { status: 400 } });
    await expect(
      source.read(ctx(http, { platform: 'mac', channels: ['nope', 'nada'] })),
    ).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      details: { key: 'feeds.chrome.channels' },
    });
  });

  it.each([500, 401, 429])(
    'HTTP %i on a channel still fails the feed (an outage, not a typo)',
    async (status) => {
      const { http } = fakeHttp({
        [url('stable')]: { body: servingText },
        [url('extended')]: { status },
      });
      await expect(source.read(ctx(http))).rejects.toMatchObject({ code: 'E_HTTP_STATUS' });
    },
  );
});
