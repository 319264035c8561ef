import { describe, expect, it } from 'vitest';
import type { FeedHealth } from '../../catalog/staleness.js';
import { age, decideFreshness, type FreshnessInput, type SourceHealth } from './freshness.js';

const NOW = new Date('2026-09-18T18:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString();
}

function feed(name: string, over: Partial<FeedHealth> = {}): FeedHealth {
  return {
    name,
    maxAgeMs: 2 * DAY,
    lastSuccessAt: ago(2 * HOUR),
    lastAttemptAt: ago(2 * HOUR),
    lastError: null,
    ...over,
  };
}

function source(name: string, over: Partial<SourceHealth> = {}): SourceHealth {
  return {
    source: name,
    lastSuccessAt: ago(25 * 60_000),
    lastAttemptAt: ago(25 * 60_000),
    lastError: null,
    ...over,
  };
}

function input(over: Partial<FreshnessInput> = {}): FreshnessInput {
  return {
    feeds: [feed('chrome'), feed('sofa-macos')],
    productsByFeed: new Map([
      ['chrome', ['Google Chrome']],
      ['sofa-macos', ['macOS']],
      ['homebrew', ['Firefox', 'Slack', 'Zoom', '1Password', 'Microsoft Edge']],
    ]),
    syncedFeeds: ['chrome', 'sofa-macos', 'homebrew'],
    sources: [source('jamf'), source('fleet')],
    configuredSources: ['jamf', 'fleet'],
    inventoryStaleAfterMs: 8 * HOUR,
    ...over,
  };
}

describe('decideFreshness', () => {
  it('dates fresh data by its newest sync and warns of nothing', () => {
    const f = decideFreshness(
      input({ sources: [source('jamf'), source('fleet', { lastSuccessAt: ago(3 * HOUR) })] }),
      NOW,
    );
    expect(f.feeds).toEqual({
      at: '2026-09-18T16:00:00.000Z',
      ago: '2 h ago',
      full: '2026-09-18 16:00 UTC',
    });
    expect(f.inventory.ago).toBe('25 min ago');
    expect(f.inventory.at).toBe('2026-09-18T17:35:00.000Z');
    expect(f.warnings).toEqual([]);
  });

  it.each<[string, Partial<FreshnessInput>, string[]]>([
    [
      'a feed past its max age, naming its products',
      { feeds: [feed('chrome'), feed('sofa-macos', { lastSuccessAt: ago(31 * DAY) })] },
      ['Feed sofa-macos is 31 d old, past its max age of 2 d (macOS shown as unknown)'],
    ],
    [
      'a feed with many products, the rest counted',
      { feeds: [feed('homebrew', { lastSuccessAt: ago(3 * DAY) })] },
      [
        'Feed homebrew is 3 d old, past its max age of 2 d (Firefox, Slack, Zoom and 2 more shown as unknown)',
      ],
    ],
    [
      'a feed whose last sync failed, with its last good sync',
      { feeds: [feed('chrome', { lastError: 'HTTP 503' })] },
      [
        'Feed chrome failed its last sync (HTTP 503); last good sync 2 h ago (Google Chrome shown as unknown)',
      ],
    ],
    [
      'a feed that never synced beside one that did',
      { feeds: [feed('chrome'), feed('sofa-macos', { lastSuccessAt: null })] },
      ['Feed sofa-macos never synced (macOS shown as unknown)'],
    ],
    ['no feed ever synced', { feeds: [] }, ['Feeds never synced: no product can be judged yet']],
    [
      'a stale feed the config no longer syncs, and no command for it',
      {
        feeds: [feed('chrome'), feed('sofa-macos', { lastSuccessAt: ago(31 * DAY) })],
        syncedFeeds: ['chrome'],
      },
      [
        'Feed sofa-macos is disabled or no longer listed under feeds in the config, so no sync reads it (macOS shown as unknown)',
      ],
    ],
    [
      'inventory older than the threshold',
      { sources: [source('jamf', { lastSuccessAt: ago(9 * HOUR) }), source('fleet')] },
      ['Inventory from jamf is 9 h old, past 8 h'],
    ],
    [
      'an inventory source that failed its last sync',
      { sources: [source('jamf'), source('fleet', { lastError: 'Fleet answered 502' })] },
      [
        'Inventory source fleet failed its last sync (Fleet answered 502); last good sync 25 min ago',
      ],
    ],
    [
      'a configured source with no row yet',
      { sources: [source('jamf')] },
      ['Inventory source fleet never synced'],
    ],
    ['no source ever synced', { sources: [] }, ['Inventory never synced']],
    [
      'nothing configured and nothing synced: what to set',
      { sources: [], configuredSources: [] },
      [
        'No inventory source is configured: set inventory.jamf.url, inventory.fleet.url, inventory.osquery.enrollSecret or inventory.files (docs/config.md)',
      ],
    ],
    [
      'a source no longer configured is not judged',
      {
        sources: [
          source('jamf'),
          source('fleet'),
          source('file', { lastSuccessAt: ago(90 * DAY) }),
        ],
      },
      [],
    ],
    [
      'with nothing configured, that the sources that synced are no longer synced',
      { sources: [source('file', { lastSuccessAt: ago(2 * DAY) })], configuredSources: [] },
      [
        'No inventory source is configured: set inventory.jamf.url, inventory.fleet.url, inventory.osquery.enrollSecret or inventory.files (docs/config.md); the computers shown come from file and are no longer synced',
      ],
    ],
  ])('warns of %s', (_, over, texts) => {
    expect(decideFreshness(input(over), NOW).warnings.map((w) => w.text)).toEqual(texts);
  });

  it.each([
    [{ feeds: [feed('chrome', { lastError: 'x' })] }, 'patchbay sync feeds'],
    // `patchbay sync feeds` skips a disabled feed: running it would change nothing.
    [{ feeds: [feed('chrome', { lastError: 'x' })], syncedFeeds: ['sofa-macos'] }, null],
    [
      { sources: [source('jamf'), source('fleet', { lastError: 'x' })] },
      'patchbay sync inventory --source fleet',
    ],
    [{ sources: [] }, 'patchbay sync inventory'],
    // `patchbay sync inventory` refuses to run with no source configured: a setting fixes it.
    [{ sources: [], configuredSources: [] }, null],
    [{ sources: [source('file', { lastError: 'x' })], configuredSources: [] }, null],
  ])('says what to run (%#)', (over, command) => {
    expect(decideFreshness(input(over), NOW).warnings.map((w) => w.command)).toEqual([command]);
  });

  it('dates an inventory no longer configured by what it last brought in', () => {
    const f = decideFreshness(
      input({ sources: [source('file', { lastSuccessAt: ago(2 * DAY) })], configuredSources: [] }),
      NOW,
    );
    expect(f.inventory.ago).toBe('2 d ago');
  });

  it('says never when nothing synced, and no time element data', () => {
    const f = decideFreshness(input({ feeds: [], sources: [] }), NOW);
    expect(f.feeds).toEqual({ at: null, ago: 'never', full: 'never synced' });
    expect(f.inventory.at).toBeNull();
  });

  it('reads a sync stamped just ahead of the clock as just now', () => {
    const f = decideFreshness(
      input({
        sources: [source('jamf', { lastSuccessAt: ago(-5000) })],
        configuredSources: ['jamf'],
      }),
      NOW,
    );
    expect(f.inventory.ago).toBe('just now');
  });

  it('shortens a long error to its gist', () => {
    const f = decideFreshness(
      input({ feeds: [feed('chrome', { lastError: 'x'.repeat(500) })] }),
      NOW,
    );
    expect(f.warnings[0]!.text.length).toBeLessThan(260);
    expect(f.warnings[0]!.text).toContain('x…)');
  });
});

describe('age', () => {
  it.each([
    [0, '0 min'],
    [59 * 60_000, '59 min'],
    [HOUR, '1 h'],
    [47 * HOUR, '47 h'],
    [2 * DAY, '2 d'],
    [31 * DAY + 5 * HOUR, '31 d'],
    [-1000, '0 min'],
  ])('age(%i) = %s', (ms, text) => {
    expect(age(ms)).toBe(text);
  });
});
