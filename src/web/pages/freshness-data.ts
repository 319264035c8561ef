import { configuredFeeds } from '../../catalog/feeds-config.js';
import { CUSTOM_SOURCE_ID, feedSources } from '../../catalog/sources/api.js';
import type { AppContext } from '../../context.js';
import { createInventoryConnectors } from '../../inventory/connectors/api.js';
import { configuredConnectors } from '../../inventory/connectors-config.js';
import { SingleFlight } from '../../platform/collections/single-flight.js';
import type { Db } from '../../platform/db/db.js';
import { decideFreshness, type Freshness, type FreshnessInput } from './freshness.js';

/**
 * Inventory is stale once two scheduled syncs in a row have not landed: `patchbay serve` syncs
 * every `jobs.inventory.every`, so one late run is not yet a warning but a stopped job is.
 */
export const INVENTORY_STALE_RUNS = 2;

/**
 * What "Data as of" is read from: the feeds' and the inventory sources' last-sync rows and the
 * product names. Each table holds one row per feed, source or product (tens of rows), never
 * per host, so this costs the same at 100 or 100,000 computers.
 */
export async function loadFreshnessInput(
  db: Db,
  configuredSources: readonly string[],
  inventoryStaleAfterMs: number,
  syncedFeeds: readonly string[],
): Promise<FreshnessInput> {
  const k = db.kysely;
  const [feeds, products, sources] = await Promise.all([
    k
      .selectFrom('feeds')
      .select(['name', 'max_age_ms', 'last_success_at', 'last_attempt_at', 'last_error'])
      .orderBy('name')
      .execute(),
    k.selectFrom('products').select(['name', 'feed']).orderBy('name').execute(),
    k
      .selectFrom('inventory_sources')
      .select(['source', 'last_success_at', 'last_attempt_at', 'last_error'])
      .orderBy('source')
      .execute(),
  ]);
  const productsByFeed = new Map<string, string[]>();
  for (const p of products)
    productsByFeed.set(p.feed, [...(productsByFeed.get(p.feed) ?? []), p.name]);
  return {
    feeds: feeds.map((f) => ({
      name: f.name,
      maxAgeMs: Number(f.max_age_ms),
      lastSuccessAt: f.last_success_at,
      lastAttemptAt: f.last_attempt_at,
      lastError: f.last_error,
    })),
    productsByFeed,
    syncedFeeds,
    sources: sources.map((s) => ({
      source: s.source,
      lastSuccessAt: s.last_success_at,
      lastAttemptAt: s.last_attempt_at,
      lastError: s.last_error,
    })),
    configuredSources,
    inventoryStaleAfterMs,
  };
}

/**
 * The shell's freshness for one set of routes: requests of the same second that arrive while a
 * read runs share it (PostgreSQL answers asynchronously, so a burst does), and the configured
 * sources are worked out once, since the config does not change while the server runs.
 */
export class SharedFreshness {
  private readonly flights = new SingleFlight<Freshness>();
  private readonly configuredSources: readonly string[];
  private readonly staleAfterMs: number;
  private readonly syncedFeeds: readonly string[];

  constructor(private readonly ctx: AppContext) {
    const { config } = ctx.loaded;
    this.configuredSources = configuredConnectors(
      config.inventory,
      createInventoryConnectors({ db: ctx.db }),
    ).map((c) => c.connector.id);
    this.staleAfterMs = INVENTORY_STALE_RUNS * config.jobs.inventory.every;
    // The feeds `patchbay sync feeds` and the feeds job read: the same list they build.
    this.syncedFeeds = configuredFeeds(config, feedSources, CUSTOM_SOURCE_ID)
      .filter((f) => f.enabled)
      .map((f) => f.name);
  }

  at(now: Date): Promise<Freshness> {
    const second = new Date(Math.floor(now.getTime() / 1000) * 1000);
    return this.flights.run(second.toISOString(), async () =>
      decideFreshness(
        await loadFreshnessInput(
          this.ctx.db,
          this.configuredSources,
          this.staleAfterMs,
          this.syncedFeeds,
        ),
        second,
      ),
    );
  }
}
