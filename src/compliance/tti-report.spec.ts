import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { CatalogStore } from '../catalog/store.js';
import { SingleFlight } from '../platform/collections/single-flight.js';
import type { Db } from '../platform/db/db.js';
import {
  RANDOM_PRODUCTS,
  TTI_NOW,
  randomDepartures,
  randomHistory,
} from './__fixtures__/tti-history.js';
import { loadHistory } from './inputs.js';
import type { TtiStats } from './model.js';
import { DEFAULT_POLICY } from './policy.js';
import type { ComplianceDeps } from './service.js';
import { ttiStat } from './__fixtures__/tti-stat.js';
import { loadDepartures } from './__fixtures__/tti-reference.js';
import { computeTtiReport, computeTtiReportUnshared, latestPerTrack } from './tti-report.js';
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
  // Hosts that left: inactive, gone since their last check-in (one never checked in: the time
  // it was marked inactive counts). The others have no row and count as still here.
  const hostRows = [...randomDepartures(11, hosts)].map(([id, leftAt], i) => ({
    id,
    platform: 'macos',
    last_seen_at: i === 0 ? null : leftAt,
    active: 0,
    created_at: '2026-06-01T00:00:00.000Z',
    updated_at: leftAt,
    rev: 1,
    eval_rev: 1,
  }));
  for (let i = 0; i < hostRows.length; i += 500) {
    await db.kysely
      .insertInto('hosts')
      .values(hostRows.slice(i, i + 500))
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
    const leftAt = await loadDepartures(deps.db);
    out.push(...computeTti({ releases, scheme: product.scheme, history, leftAt, now }));
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
    expect(expected.filter((s) => s.hostsLeft > 0).length).toBeGreaterThan(5);
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

describe('latestPerTrack', () => {
  const stat = (product: string, track: string, version: string): TtiStats =>
    ttiStat({ product, track, version });

  it.each<[string, [string, string, string][], string[]]>([
    ['nothing', [], []],
    [
      'the last of each product and track, in report order',
      [
        ['chrome', 'stable', '139.0.1'],
        ['chrome', 'extended', '138.0.1'],
        ['chrome', 'stable', '140.0.1'],
        ['macos', '15', '15.7.8'],
        ['macos', '26', '26.6.1'],
        ['macos', '15', '15.7.9'],
      ],
      ['138.0.1', '140.0.1', '26.6.1', '15.7.9'],
    ],
    // Two products may name a track alike: each keeps its own.
    [
      'same track name in two products',
      [
        ['firefox', 'release', '145.0'],
        ['thunderbird', 'release', '140.1'],
        ['firefox', 'release', '145.0.1'],
      ],
      ['140.1', '145.0.1'],
    ],
  ])('%s', (_name, rows, versions) => {
    const stats = rows.map(([p, t, v]) => stat(p, t, v));
    expect(latestPerTrack(stats).map((s) => s.version)).toEqual(versions);
  });
});
