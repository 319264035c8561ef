import type { TtiStats } from './model.js';
import type { ComplianceDeps } from './service.js';
import { readHostHistories } from './tti-history.js';
import { TtiTally, unsupportedTracksOf } from './tti-tally.js';

export interface TtiReportOptions {
  /** Rows per history read (tests use small pages to cross host boundaries). */
  readonly pageRows?: number;
}

/**
 * Time-to-install of every release of the given products (all products in the catalog by
 * default), as computeTti gives it over each product's whole history.
 *
 * Concurrent calls for the same products within the same minute share one computation (a
 * dashboard opened by ten people costs one); a caller joining a run gets the figures as of that
 * run's `now`, at most a minute earlier than its own. Nothing is kept once the run ends.
 */
export async function computeTtiReport(
  deps: ComplianceDeps,
  now: Date,
  products?: readonly string[],
): Promise<TtiStats[]> {
  // The context holds one SingleFlight for the life of the app; without it, nothing is shared.
  const flight = deps.ttiRuns;
  if (!flight) return computeTtiReportUnshared(deps, now, products);
  const wanted = products?.length ? [...new Set(products)].sort() : null;
  const key = JSON.stringify([Math.floor(now.getTime() / 60_000), wanted]);
  const shared = await flight.run(key, () => computeTtiReportUnshared(deps, now, products));
  // Each caller gets its own array: one caller sorting its copy must not reorder another's.
  return [...shared];
}

/**
 * The computation itself, for benchmarks and tests. The history is read in keyset pages and
 * tallied host by host, yielding to the event loop after every page and every release's
 * figures, so a large fleet never holds the loop for long nor its whole history in memory.
 */
export async function computeTtiReportUnshared(
  deps: ComplianceDeps,
  now: Date,
  products?: readonly string[],
  options: TtiReportOptions = {},
): Promise<TtiStats[]> {
  const catalog = await deps.catalog.loadCatalogInput();
  const out: TtiStats[] = [];
  for (const product of catalog.products) {
    if (products?.length && !products.includes(product.id)) continue;
    const releases = catalog.releases.filter((r) => r.product === product.id);
    if (releases.length === 0) continue;
    const tally = new TtiTally({
      releases,
      scheme: product.scheme,
      now,
      unsupportedTracks: unsupportedTracksOf(catalog, product.id),
    });
    if (tally.size === 0) continue;
    for await (const hosts of readHostHistories(deps.db, product.id, options.pageRows)) {
      for (const host of hosts) tally.addHost(host.observations, host.leftAt, host.platform);
      await yieldToLoop();
    }
    for (let i = 0; i < tally.size; i++) {
      out.push(tally.statsAt(i));
      await yieldToLoop();
    }
  }
  return out;
}

/**
 * The newest release of each product's track, in report order: what an admin acts on. Older
 * releases' figures are history (`report --tti --all`, `?all=true`). Stats come in report order
 * (date, then version) per product, so the last of a track is its newest.
 */
export function latestPerTrack(stats: readonly TtiStats[]): TtiStats[] {
  const last = new Map<string, TtiStats>();
  for (const s of stats) last.set(JSON.stringify([s.product, s.track]), s);
  const keep = new Set(last.values());
  return stats.filter((s) => keep.has(s));
}

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
