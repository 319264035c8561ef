import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../test/dialects.js';
import { CatalogStore } from '../../catalog/store.js';
import { InventoryStore } from '../../inventory/store.js';
import { loadFreshnessInput } from './freshness-data.js';

const NOW = new Date('2026-09-18T18:00:00.000Z');
const HOUR = 3_600_000;

describe.each(DIALECTS)('loadFreshnessInput on $name', ({ open }) => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('reads each feed, its products and each inventory source as stored', async () => {
    t = await open();
    const catalog = new CatalogStore(t.db);
    for (const name of ['chrome', 'sofa-macos'])
      await catalog.registerFeed({
        name,
        source: name,
        url: `http://feeds.invalid/${name}`,
        maxAgeMs: 2 * 86_400_000,
      });
    await catalog.recordRead(
      'chrome',
      {
        products: [{ id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' }],
        tracks: [{ product: 'chrome', id: 'stable', name: 'Stable' }],
        releases: [],
        issues: [],
        cache: [],
      },
      new Date(NOW.getTime() - 2 * HOUR),
    );
    await catalog.recordFailure(
      'sofa-macos',
      'E_FEED_HTTP',
      'HTTP 503',
      new Date(NOW.getTime() - HOUR),
    );
    const inventory = new InventoryStore(t.db);
    await inventory.recordSourceResult('jamf', new Date(NOW.getTime() - 3 * HOUR), {
      ok: true,
      issues: [],
    });
    await inventory.recordSourceResult('fleet', NOW, {
      ok: false,
      code: 'E_FLEET_HTTP',
      message: 'Fleet answered 502',
    });

    const input = await loadFreshnessInput(t.db, ['jamf', 'fleet'], 8 * HOUR, ['chrome']);

    expect(input.feeds).toEqual([
      {
        name: 'chrome',
        maxAgeMs: 2 * 86_400_000,
        lastSuccessAt: '2026-09-18T16:00:00.000Z',
        lastAttemptAt: '2026-09-18T16:00:00.000Z',
        lastError: null,
      },
      {
        name: 'sofa-macos',
        maxAgeMs: 2 * 86_400_000,
        lastSuccessAt: null,
        lastAttemptAt: '2026-09-18T17:00:00.000Z',
        lastError: 'HTTP 503',
      },
    ]);
    expect([...input.productsByFeed]).toEqual([['chrome', ['Google Chrome']]]);
    expect(input.sources).toEqual([
      {
        source: 'fleet',
        lastSuccessAt: null,
        lastAttemptAt: '2026-09-18T18:00:00.000Z',
        lastError: 'Fleet answered 502',
      },
      {
        source: 'jamf',
        lastSuccessAt: '2026-09-18T15:00:00.000Z',
        lastAttemptAt: '2026-09-18T15:00:00.000Z',
        lastError: null,
      },
    ]);
    expect(input.configuredSources).toEqual(['jamf', 'fleet']);
    expect(input.syncedFeeds).toEqual(['chrome']);
    expect(input.inventoryStaleAfterMs).toBe(8 * HOUR);
  });

  it('reads an empty database as nothing synced', async () => {
    t = await open();
    const input = await loadFreshnessInput(t.db, [], 8 * HOUR, []);
    expect(input.feeds).toEqual([]);
    expect(input.sources).toEqual([]);
    expect(input.productsByFeed.size).toBe(0);
  });
});
