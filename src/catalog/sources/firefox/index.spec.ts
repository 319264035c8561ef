import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedHttp, FeedResponse } from '../types.js';
import { FirefoxSource, parseFirefox } from './index.js';
import { historyUrlOf } from './read-history.js';

const load = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const versionsText = load('firefox_versions.json');
const historyText = load('firefox.json');
const versions = JSON.parse(versionsText) as Record<string, string>;
const history = JSON.parse(historyText) as { releases: Record<string, object> };

describe('parseFirefox on the real product-details files', () => {
  const parsed = parseFirefox(versions, 'firefox', history);

  it('yields the firefox product and the Release and ESR tracks only', () => {
    expect(parsed.products).toEqual([
      { id: 'firefox', name: 'Mozilla Firefox', platform: 'cross', scheme: 'dotted' },
    ]);
    expect(parsed.tracks.map((t) => [t.id, t.name])).toEqual([
      ['release', 'Release'],
      ['esr', 'ESR'],
    ]);
    expect(parsed.issues).toEqual([]);
  });

  it.each([
    ['release', '113.0.1', '2023-05-12T00:00:00.000Z'],
    ['esr', '102.11.0', '2023-05-09T00:00:00.000Z'],
  ])('track %s: version %s released %s', (track, version, releasedAt) => {
    expect(parsed.releases.find((r) => r.track === track)).toEqual({
      product: 'firefox',
      track,
      version,
      build: null,
      releasedAt,
      cves: [],
      exploitedCves: [],
      url: `https://www.mozilla.org/firefox/${version}/releasenotes/`,
    });
  });

  it('adds esr-next during an ESR overlap and a track per kept-alive ESR', () => {
    const doc = { ...versions, FIREFOX_ESR_NEXT: '115.0esr', FIREFOX_ESR115: '115.16.0esr' };
    const res = parseFirefox(doc, 'firefox', history);
    expect(res.releases.map((r) => [r.track, r.version, r.releasedAt])).toEqual([
      ['release', '113.0.1', '2023-05-12T00:00:00.000Z'],
      ['esr', '102.11.0', '2023-05-09T00:00:00.000Z'],
      ['esr-next', '115.0', '2023-07-04T00:00:00.000Z'],
      ['esr115', '115.16.0', '2024-10-01T00:00:00.000Z'],
    ]);
  });

  it('leaves releasedAt null without firefox.json or when it lacks the release yet', () => {
    expect(parseFirefox(versions, 'firefox').releases.map((r) => r.releasedAt)).toEqual([
      null,
      null,
    ]);
    const lagging = { releases: { ...history.releases, 'firefox-113.0.1': undefined } };
    const res = parseFirefox(versions, 'firefox', JSON.parse(JSON.stringify(lagging)));
    expect(res.releases.map((r) => r.releasedAt)).toEqual([null, '2023-05-09T00:00:00.000Z']);
    expect(res.issues).toEqual([]);
  });
});

describe('parseFirefox on bad input', () => {
  it('reports a malformed version naming its key; the other track survives', () => {
    const res = parseFirefox({ ...versions, FIREFOX_ESR: 'soon' }, 'firefox', history);
    expect(res.issues).toEqual([
      {
        source: 'firefox',
        record: 'FIREFOX_ESR',
        field: 'FIREFOX_ESR',
        message: 'not a Firefox release version',
      },
    ]);
    expect(res.releases.map((r) => r.version)).toEqual(['113.0.1']);
    expect(res.tracks.map((t) => t.id)).toEqual(['release', 'esr']);
  });

  it('reports a bad ship date on its firefox.json entry and keeps the release', () => {
    const bad = { releases: { ...history.releases, 'firefox-113.0.1': { date: '12/05/2023' } } };
    const res = parseFirefox(versions, 'firefox', bad);
    expect(res.issues.map((i) => [i.record, i.field])).toEqual([['firefox-113.0.1', 'date']]);
    expect(res.releases.map((r) => r.releasedAt)).toEqual([null, '2023-05-09T00:00:00.000Z']);
  });

  it.each([
    ['an array', []],
    ['a string', 'oops'],
    ['null', null],
  ])('throws E_FEED_PARSE when firefox_versions.json is %s', (_, doc) => {
    expect(() => parseFirefox(doc, 'firefox')).toThrow(PatchbayError);
    expect(() => parseFirefox(doc, 'firefox')).toThrow(/Feed firefox/);
  });
});

function fakeHttp(bodies: Record<string, FeedResponse | Error>): FeedHttp & { urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    getText: (url) => {
      urls.push(url);
      const r = bodies[url];
      if (r === undefined) return Promise.reject(new Error(`no stub for ${url}`));
      return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
    },
  };
}

describe('FirefoxSource', () => {
  const source = new FirefoxSource();
  const base = 'http://127.0.0.1:9000/feeds/product-details/1.0/';
  const ctx = (http: FeedHttp, options = {}) => ({
    name: 'firefox',
    url: `${base}firefox_versions.json`,
    options,
    http,
  });

  it('derives firefox.json from the configured URL and reads both', async () => {
    expect(historyUrlOf(source.defaultUrl)).toBe(
      'https://product-details.mozilla.org/1.0/firefox.json',
    );
    const http = fakeHttp({
      [`${base}firefox_versions.json`]: {
        url: `${base}firefox_versions.json`,
        body: versionsText,
        notModified: true,
      },
      [`${base}firefox.json`]: {
        url: `${base}firefox.json`,
        body: historyText,
        notModified: false,
      },
    });
    const res = await source.read(ctx(http));
    expect(http.urls.sort()).toEqual([`${base}firefox.json`, `${base}firefox_versions.json`]);
    expect(res.notModified).toBe(false);
    expect(res.releases[0]?.releasedAt).toBe('2023-05-12T00:00:00.000Z');
  });

  it('still syncs versions when firefox.json fails, with one issue', async () => {
    const http = fakeHttp({
      [`${base}firefox_versions.json`]: {
        url: `${base}firefox_versions.json`,
        body: versionsText,
        notModified: false,
      },
      [`${base}firefox.json`]: new Error('HTTP 503'),
    });
    const res = await source.read(ctx(http));
    expect(res.releases.map((r) => [r.version, r.releasedAt])).toEqual([
      ['113.0.1', null],
      ['102.11.0', null],
    ]);
    expect(res.issues).toEqual([
      {
        source: 'firefox',
        record: `${base}firefox.json`,
        field: '(document)',
        message: 'release dates unavailable: HTTP 503',
      },
    ]);
  });

  it('skips firefox.json when releaseDates is false and rejects a non-boolean', async () => {
    const http = fakeHttp({
      [`${base}firefox_versions.json`]: {
        url: `${base}firefox_versions.json`,
        body: versionsText,
        notModified: true,
      },
    });
    const res = await source.read(ctx(http, { releaseDates: false }));
    expect([http.urls, res.notModified]).toEqual([[`${base}firefox_versions.json`], true]);
    await expect(source.read(ctx(http, { releaseDates: 'no' }))).rejects.toThrow(/releaseDates/);
  });

  it('has its id and a two-day max age', () => {
    expect([source.id, FirefoxSource.id, source.defaultMaxAgeMs]).toEqual([
      'firefox',
      'firefox',
      172_800_000,
    ]);
  });
});
