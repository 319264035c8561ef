import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PatchbayError } from '../../../platform/errors/errors.js';
import type { FeedHttp } from '../types.js';
import { ChromeReleasesSource, parseChromeReleases } from './index.js';

const feedXml = readFileSync(new URL('./__fixtures__/feed.xml', import.meta.url), 'utf8');
const parsed = parseChromeReleases(feedXml, 'chrome-releases');
/** The Mac's releases: the plain tracks (stable, extended). */
const mac = (releases: typeof parsed.releases) => releases.filter((r) => !r.track.includes('/'));

/** The fixture with its 2026-07-16 desktop post changed by `edit`. */
const withDesktopPost = (edit: (xml: string) => string): string => {
  const start = feedXml.indexOf('<entry>', feedXml.indexOf('post-101236905006470995') - 200);
  const end = feedXml.indexOf('</entry>', start);
  return feedXml.slice(0, start) + edit(feedXml.slice(start, end)) + feedXml.slice(end);
};

describe('parseChromeReleases on the real feed', () => {
  it('yields the chrome product shared with the VersionHistory source and both tracks', () => {
    expect(parsed.products).toEqual([
      { id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' },
    ]);
    expect(parsed.tracks.map((t) => t.id)).toEqual([
      'stable',
      'extended',
      'stable/windows',
      'extended/windows',
      'stable/linux',
      'extended/linux',
    ]);
  });

  it('keeps only desktop posts, ignoring Android and ChromeOS without an issue', () => {
    expect(mac(parsed.releases).map((r) => r.version)).toEqual([
      '150.0.7871.129',
      '116.0.5845.187',
    ]);
    expect(parsed.issues).toEqual([]);
  });

  // "116.0.5845.187 for Mac and Linux and 116.0.5845.187/.188 for Windows": each platform's own
  // build, all with the post's date and CVEs (the exploited fix reaches Windows hosts too).
  it.each([
    ['stable', '150.0.7871.129', '116.0.5845.187'],
    ['stable/windows', '150.0.7871.129', '116.0.5845.188'],
    ['stable/linux', '150.0.7871.128', '116.0.5845.187'],
  ])('gives track %s its own versions %s and %s', (track, newer, older) => {
    const mine = parsed.releases.filter((r) => r.track === track);
    expect(mine.map((r) => r.version)).toEqual([newer, older]);
    expect(mine[1]).toMatchObject({
      releasedAt: '2023-09-11T19:00:00.000Z',
      exploitedCves: ['CVE-2023-4863'],
    });
  });

  it('reads version, date, link and CVEs of the exploited-in-the-wild post', () => {
    expect(mac(parsed.releases)[1]).toEqual({
      product: 'chrome',
      track: 'stable',
      version: '116.0.5845.187',
      build: null,
      releasedAt: '2023-09-11T19:00:00.000Z',
      cves: ['CVE-2023-4863'],
      exploitedCves: ['CVE-2023-4863'],
      url: 'https://chromereleases.googleblog.com/2023/09/stable-channel-update-for-desktop_11.html',
    });
  });

  it('converts the published time to UTC and has no CVEs when the post lists none', () => {
    expect(parsed.releases[0]).toMatchObject({
      releasedAt: '2026-07-16T20:56:30.226Z',
      cves: [],
      exploitedCves: [],
    });
  });

  it('puts an Extended Stable post on the extended track', () => {
    const xml = withDesktopPost((e) =>
      e
        .replace('<title>Stable Channel', '<title>Extended Stable Channel')
        .replace('The Stable channel', 'The Extended Stable channel'),
    );
    expect(parseChromeReleases(xml, 'chrome-releases').releases[0]).toMatchObject({
      track: 'extended',
      version: '150.0.7871.129',
    });
  });
});

describe('parseChromeReleases on bad input', () => {
  it('reports a desktop post without a version as an issue naming the post; others survive', () => {
    const xml = withDesktopPost((e) => e.replace(/150\.0\.7871\.128(\/\.129)?/g, 'a new build'));
    const res = parseChromeReleases(xml, 'chrome-releases');
    expect(res.issues).toEqual([
      {
        source: 'chrome-releases',
        record:
          'https://chromereleases.googleblog.com/2026/07/stable-channel-update-for-desktop_049796704.html',
        field: 'content',
        message: 'no Mac version found in "Stable Channel Update for Desktop" post',
      },
    ]);
    expect(mac(res.releases).map((r) => r.version)).toEqual(['116.0.5845.187']);
  });

  it('keeps a Windows-only post for the Windows track, without a Mac issue', () => {
    const xml = withDesktopPost((e) =>
      e.replace(
        '150.0.7871.128/.129 for Windows and Mac and 150.0.7871.128 for Linux',
        '150.0.7871.130 for Windows',
      ),
    );
    const res = parseChromeReleases(xml, 'chrome-releases');
    expect(res.issues).toEqual([]);
    expect(
      res.releases.filter((r) => r.version.startsWith('150.')).map((r) => [r.track, r.version]),
    ).toEqual([['stable/windows', '150.0.7871.130']]);
  });

  it('reports a bad published date as an issue on that field', () => {
    const xml = withDesktopPost((e) =>
      e.replace('<published>2026-07-16T13:56:30.226-07:00', '<published>yesterday'),
    );
    const res = parseChromeReleases(xml, 'chrome-releases');
    expect(res.issues.map((i) => [i.field, i.message])).toEqual([
      ['published', 'not a valid date'],
    ]);
    expect(mac(res.releases)).toHaveLength(1);
  });

  // Found by the feed property test: a blank href or id became a blank record.
  it('names a bad post with a blank link and id by its place in the feed', () => {
    const xml = withDesktopPost((e) =>
      e
        .replace('<published>2026-07-16T13:56:30.226-07:00', '<published>yesterday')
        .replace(/<id>[^<]*<\/id>/, '<id> </id>')
        .replace(/href="[^"]*"/g, 'href=" "'),
    );
    const res = parseChromeReleases(xml, 'chrome-releases');
    expect(res.issues.map((i) => i.record)).toEqual(['#1']);
  });

  it.each([
    ['truncated XML', feedXml.slice(0, 400)],
    ['an HTML error page', '<html><body><h1>502</h1></body></html>'],
    ['plain text', 'Service Unavailable'],
    // Well-formed, but past the XML parser's nesting limit: it threw a plain Error before.
    ['XML nested 200 deep', `<feed>${'<a>'.repeat(200)}x${'</a>'.repeat(200)}</feed>`],
    // The parser refuses names that could pollute prototypes, with a plain Error before.
    ['an element named constructor', '<feed><entry><constructor>x</constructor></entry></feed>'],
  ])('throws E_FEED_PARSE naming the feed and field for %s', (_, text) => {
    let thrown: unknown = null;
    try {
      parseChromeReleases(text, 'chrome-releases');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(PatchbayError);
    const err = thrown as PatchbayError;
    expect(err.code).toBe('E_FEED_PARSE');
    expect(err.details.feed).toBe('chrome-releases');
    expect(err.details.field).toMatch(/\S/);
    expect(err.message).toMatch(/chrome-releases/);
  });
});

describe('ChromeReleasesSource', () => {
  it('fetches the configured URL and passes 304 through', async () => {
    const urls: string[] = [];
    const http: FeedHttp = {
      getText: (url) => {
        urls.push(url);
        return Promise.resolve({ url, body: feedXml, notModified: true });
      },
    };
    const source = new ChromeReleasesSource();
    const res = await source.read({
      name: 'chrome-releases',
      url: source.defaultUrl,
      options: {},
      http,
    });
    expect(urls).toEqual(['https://chromereleases.googleblog.com/feeds/posts/default']);
    expect(res.notModified).toBe(true);
    expect(mac(res.releases)).toHaveLength(2);
    expect([source.id, ChromeReleasesSource.id, source.defaultMaxAgeMs]).toEqual([
      'chrome-releases',
      'chrome-releases',
      172_800_000,
    ]);
  });
});
