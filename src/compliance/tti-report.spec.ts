import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { CatalogStore } from '../catalog/store.js';
import { SingleFlight } from '../platform/collections/single-flight.js';
import type { Db } from '../platform/db/db.js';
import { RANDOM_PRODUCTS, TTI_NOW, randomHistory } from './__fixtures__/tti-history.js';
import { loadHistory } from './inputs.js';
import type { TtiStats } from './model.js';
import { DEFAULT_POLICY } from './policy.js';
import type { ComplianceDeps } from './service.js';
import { computeTtiReport, computeTtiReportUnshared } from './tti-report.js';
import { computeTti } from './tti.js';

/** The catalog of the random fixture, and its history for `hosts` hosts, stored. */
async function seed(db: Db, hosts: number): Promise<ComplianceDeps> {
  const catalog = new CatalogStore(db);
  await catalog.registerFeed({ name: 'fixture', source: 'fixture', url: 'x', maxAgeMs: 1 });
  await catalog.recordRead(
    'fixture',
    {
      products: RANDOM_PRODUCTS.map((p) => ({
        id: p.id,
        name: p.id,
        platform: 'cross',
        scheme: p.scheme,
      })),
      tracks: RANDOM_PRODUCTS.flatMap((p) =>
        [...new Set(p.releases.map((r) => r.track))].map((id) => ({ product: p.id, id, name: id })),
      ),
      releases: RANDOM_PRODUCTS.flatMap((p) => p.releases),
      issues: [],
      cache: [],
    },
    new Date('2026-06-15T00:00:00.000Z'),
  );
  const rows = randomHistory(11, hosts).map((h) => ({
    host_id: h.hostId,
    product_id: h.product,
    version: h.version,
    previous_version: null,
    source: 'fixture',
    first_observed_at: h.firstObservedAt,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db.kysely
      .insertInto('version_history')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return { db, catalog, policies: { default: DEFAULT_POLICY, products: {} } };
}

/** What computeTtiReport in service.ts gave: each product's whole history, then computeTti. */
async function wholeHistoryReport(deps: ComplianceDeps, now: Date): Promise<TtiStats[]> {
  const catalog = await deps.catalog.loadCatalogInput();
  const out: TtiStats[] = [];
  for (const product of catalog.products) {
    const releases = catalog.releases.filter((r) => r.product === product.id);
    const history = await loadHistory(deps.db, product.id);
    out.push(...computeTti({ releases, scheme: product.scheme, history, now }));
  }
  return out;
}

describe.each(DIALECTS)('computeTtiReport on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  async function deps(hosts = 300): Promise<ComplianceDeps> {
    t = await open();
    return seed(t.db, hosts);
  }

  it('gives what computeTti gives over the whole history, whatever the page size', async () => {
    const d = await deps();
    const expected = await wholeHistoryReport(d, TTI_NOW);
    expect(expected.filter((s) => s.hostsInstalled > 0).length).toBeGreaterThan(5);
    expect(await computeTtiReport(d, TTI_NOW)).toEqual(expected);
    // Pages of 2 and 7 rows cut hosts in two; 100,000 reads everything in one page.
    for (const pageRows of [2, 7, 100_000]) {
      expect(await computeTtiReportUnshared(d, TTI_NOW, undefined, { pageRows })).toEqual(expected);
    }
  });

  it('as of an earlier date, and for chosen products only', async () => {
    const d = await deps();
    const earlier = new Date('2026-08-10T00:00:00.000Z');
    const all = await wholeHistoryReport(d, earlier);
    expect(await computeTtiReport(d, earlier, ['firefox', 'macos'])).toEqual(
      all.filter((s) => s.product === 'firefox' || s.product === 'macos'),
    );
    expect(await computeTtiReport(d, earlier, [])).toEqual(all);
  });

  it('has no figures for a product without history', async () => {
    const d = await deps(0);
    const stats = await computeTtiReport(d, TTI_NOW, ['chrome']);
    expect(stats.map((s) => [s.version, s.hostsNeeding])).toEqual([
      ['138.0.7204.200', 0], // the same day: the lower version first
      ['139.0.7258.66', 0],
      ['139.0.7258.127', 0],
      ['138.0.7204.235', 0],
      ['140.0.7339.80', 0],
    ]);
  });

  it('runs one computation for ten concurrent calls for the same products and minute', async () => {
    const d = await deps(50);
    let reads = 0;
    const counting: ComplianceDeps = {
      ...d,
      ttiRuns: new SingleFlight<TtiStats[]>(),
      catalog: {
        loadCatalogInput: () => {
          reads++;
          return d.catalog.loadCatalogInput();
        },
      } as CatalogStore,
    };
    const at = (seconds: number): Date => new Date(TTI_NOW.getTime() + seconds * 1000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => computeTtiReport(counting, at(i), ['macos', 'chrome'])),
    );
    expect(reads).toBe(1);
    for (const r of results) expect(r).toEqual(results[0]);
    // Each caller gets its own array.
    expect(new Set(results).size).toBe(10);
    // Other products, or another minute, are another computation.
    await Promise.all([
      computeTtiReport(counting, TTI_NOW, ['chrome', 'macos']),
      computeTtiReport(counting, TTI_NOW, ['macos']),
      computeTtiReport(counting, at(60), ['macos', 'chrome']),
    ]);
    expect(reads).toBe(4);
  });
});
