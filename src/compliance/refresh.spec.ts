import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random/seeded-random.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { compileAppMap } from '../inventory/app-map.js';
import type { HostRecord } from '../inventory/model.js';
import { InventoryStore } from '../inventory/store.js';
import type { Db } from '../platform/db/db.js';
import { countsByTrack } from './finding-counts.js';
import { statusCountsBy } from './findings-pages.js';
import { listFindings } from './findings-query.js';
import { evaluate } from './evaluate.js';
import { loadHostsForEvaluation } from './inputs.js';
import { policiesSchema, type Policies } from './policy.js';
import { refreshFindings } from './refresh.js';

const DAY = 86_400_000;
const MAC_VERSIONS = ['26.6.1', '26.6.2', '15.7.8', '15.7.9', '14.7.1', '27.0', 'garbage'];
const CHROME_VERSIONS = ['139.0.7258.128', '139.0.7258.139', '138.0.7204.100', '140.0.1.1'];

function fleet(n: number, seed: number): HostRecord[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    source: 'gen',
    sourceId: `G${i}`,
    serial: `GEN-${i}`,
    name: `gen-${i}`,
    platform: 'macos' as const,
    osVersion: pick(MAC_VERSIONS),
    osBuild: null,
    lastSeenAt: new Date(NOW.getTime() - Math.floor(rnd() * 5) * DAY).toISOString(),
    owner: { email: `p${i % 17}@example.com`, name: null },
    apps:
      rnd() < 0.8
        ? [
            {
              kind: 'bundle-id' as const,
              key: 'com.google.Chrome',
              name: null,
              version: pick(CHROME_VERSIONS),
            },
          ]
        : [],
  }));
}

/** Every stored row, in key order: what the two paths must agree on to the letter. */
async function storedRows(db: Db): Promise<unknown[]> {
  return db.kysely
    .selectFrom('findings')
    .selectAll()
    .orderBy('host_id')
    .orderBy('product_id')
    .execute();
}

const opts = { appMap: compileAppMap(), ownerPrecedence: ['file', 'gen'] };

describe.each(DIALECTS)('stored findings on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  const depsOf = (db: Db, policies: Policies = policiesSchema.parse({})) => ({
    db,
    catalog: new CatalogStore(db),
    policies,
  });

  it('stores exactly what the pure evaluation finds, and reads it back as of any time', async () => {
    t = await open();
    await seedScenario(t.db, fleet(240, 7));
    const deps = depsOf(t.db);
    const first = await refreshFindings(deps, NOW, { batchSize: 50 });
    expect(first.mode).toBe('full');
    expect(first.written).toBeGreaterThan(200);
    for (const at of [NOW, new Date(NOW.getTime() + 9 * DAY)]) {
      const catalog = await deps.catalog.loadCatalogInput();
      const hosts = await loadHostsForEvaluation(t.db);
      // Staleness is decided at refresh: compare at the refresh's own time, then later on.
      const expected = evaluate({ hosts, catalog, policies: deps.policies, now: NOW });
      const stored = await listFindings(t.db, at, {});
      if (at === NOW) {
        expect(
          stored.map(
            ({ hostName: _n, serial: _s, platform: _p, ownerEmail: _e, ownerName: _o, ...f }) => f,
          ),
        ).toEqual(expected);
      } else {
        // Nine days on, the same rows say overdue where deadlines passed: no rewrite needed.
        const overdueThen = stored.filter((f) => f.status === 'overdue').length;
        const overdueNow = expected.filter((f) => f.status === 'overdue').length;
        expect(overdueThen).toBeGreaterThan(overdueNow);
      }
    }
  });

  it('updates incrementally to exactly the rows a full re-evaluation gives', async () => {
    t = await open();
    await seedScenario(t.db, fleet(300, 11));
    const deps = depsOf(t.db);
    await refreshFindings(deps, NOW, { batchSize: 64 });
    const inventory = new InventoryStore(t.db);

    // Inventory: 10 hosts change versions, 5 change owner, one gains a product, one is uninstalled.
    const later = new Date(NOW.getTime() + DAY);
    const changed = fleet(300, 11)
      .slice(0, 20)
      .map((h, i) => ({
        ...h,
        lastSeenAt: later.toISOString(),
        osVersion: i < 10 ? '26.6.2' : h.osVersion,
        owner: i >= 10 && i < 15 ? { email: 'new-owner@example.com', name: null } : h.owner,
        apps:
          i === 15
            ? []
            : i === 16
              ? [
                  {
                    kind: 'bundle-id' as const,
                    key: 'com.google.Chrome',
                    name: null,
                    version: '139.0.7258.139',
                  },
                ]
              : h.apps,
      }));
    const page = await inventory.applyPage('gen', changed, later, opts);
    await inventory.removeUnreported('gen', new Set(page.hostIds), new Set(page.reported));
    // Hosts not seen for 4 days go inactive: their findings must go.
    await inventory.markInactive(new Date(later.getTime() - 3.5 * DAY));
    // Catalog: a new Chrome release.
    await deps.catalog.recordRead(
      'chrome',
      {
        products: [{ id: 'chrome', name: 'Google Chrome', platform: 'cross', scheme: 'chrome' }],
        tracks: [{ product: 'chrome', id: 'stable', name: 'Stable' }],
        releases: [
          {
            product: 'chrome',
            track: 'stable',
            version: '139.0.7258.154',
            build: null,
            releasedAt: '2026-08-25T00:00:00.000Z',
            cves: ['CVE-2026-1'],
            exploitedCves: ['CVE-2026-1'],
            url: null,
          },
        ],
        issues: [],
        cache: [],
      },
      later,
    );

    const inc = await refreshFindings(deps, later, { batchSize: 64 });
    expect(inc.mode).toBe('incremental');
    expect(inc.productsChanged).toContain('chrome');
    expect(inc.productsChanged).not.toContain('macos');
    expect(inc.hostsChanged).toBeGreaterThanOrEqual(20);
    expect(inc.hostsChanged).toBeLessThan(300);
    const incremental = await storedRows(t.db);
    // The maintained counts moved with the rows: they equal a GROUP BY over them, at any time.
    for (const at of [later, new Date(later.getTime() + 20 * DAY)]) {
      const grouped = await statusCountsBy(t.db, at, {}, 'product-track');
      const maintained = await countsByTrack(t.db, at);
      const norm = (xs: { key: string; track: string | null; counts: object }[]) =>
        xs.map((x) => JSON.stringify([x.key, x.track, Object.entries(x.counts).sort()])).sort();
      expect(norm(maintained.map((m) => ({ ...m, key: m.product })))).toEqual(norm(grouped));
    }

    const full = await refreshFindings(deps, later, { full: true, batchSize: 64 });
    expect(full.mode).toBe('full');
    // The full pass finds nothing left to change: the incremental path already wrote it all.
    expect({ written: full.written, deleted: full.deleted }).toEqual({ written: 0, deleted: 0 });
    expect(await storedRows(t.db)).toEqual(incremental);

    // A row inventory lost behind our back (no revision bump) is found by the full pass.
    const victim = (incremental[0] as { host_id: string; product_id: string }) ?? null;
    await t.db.kysely
      .deleteFrom('host_versions')
      .where('host_id', '=', victim.host_id)
      .where('product_id', '=', victim.product_id)
      .execute();
    expect((await refreshFindings(deps, later)).deleted).toBe(0);
    expect((await refreshFindings(deps, later, { full: true })).deleted).toBe(1);

    // And both equal the pure evaluation of the same inputs.
    const pure = evaluate({
      hosts: await loadHostsForEvaluation(t.db),
      catalog: await deps.catalog.loadCatalogInput(),
      policies: deps.policies,
      now: later,
    });
    const stored = await listFindings(t.db, later, {});
    expect(stored.map((f) => `${f.hostId}/${f.product}/${f.status}/${f.reason}`)).toEqual(
      pure.map((f) => `${f.hostId}/${f.product}/${f.status}/${f.reason}`),
    );
  });

  it('re-evaluates nothing when nothing changed, and one product when its policy changed', async () => {
    t = await open();
    await seedScenario(t.db, fleet(120, 3));
    await refreshFindings(depsOf(t.db), NOW);
    const again = await refreshFindings(depsOf(t.db), NOW);
    expect(again).toMatchObject({ productsChanged: [], hostsEvaluated: 0, written: 0, deleted: 0 });

    const stricter = policiesSchema.parse({
      products: { chrome: { graceDays: 1, exploitedGraceDays: 0 } },
    });
    const res = await refreshFindings(depsOf(t.db, stricter), NOW);
    expect(res.productsChanged).toEqual(['chrome']);
    expect(res.written).toBeGreaterThan(0);
    const chromeOnly = await t.db.kysely
      .selectFrom('findings')
      .select('product_id')
      .distinct()
      .execute();
    expect(chromeOnly.length).toBeGreaterThan(1);
  });
});
