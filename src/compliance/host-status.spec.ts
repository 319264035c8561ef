import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random/seeded-random.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, recordScenarioModels, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { compileAppMap } from '../inventory/app-map.js';
import { hostsWhere } from '../inventory/host-query.js';
import type { HostRecord } from '../inventory/model.js';
import { InventoryStore } from '../inventory/store.js';
import type { Db } from '../platform/db/db.js';
import {
  countHostsByFinding,
  listHostsByFinding,
  listHostsSorted,
  SEVERITY,
  type HostSort,
  type SortDir,
} from './findings-pages.js';
import { findingsOnly, statusAt } from './findings-query.js';
import { FindingsStore } from './findings-store.js';
import { computerCounts } from './host-status-query.js';
import { fillHostStatus } from './host-status-store.js';
import type { FindingStatus } from './model.js';
import { policiesSchema, type Policies } from './policy.js';
import { refreshFindings } from './refresh.js';

/**
 * The per-host summaries (host_status) answer exactly what the full scans over findings they
 * replaced answered. The old queries live on here only, as the oracle: computers by their worst
 * finding, the hosts table's status and overdue sorts and its status filter, checked after
 * every kind of refresh and at several times, deadlines passing between refreshes.
 */

const DAY = 86_400_000;
const MAC_VERSIONS = ['26.6.1', '26.6.2', '15.7.8', '15.7.9', '14.7.1', '14.7.1', 'garbage'];
const MODELS = ['MacBookAir8,1', 'Mac14,10', null];
const CHROME_VERSIONS = ['139.0.7258.128', '139.0.7258.139', '138.0.7204.100', '140.0.1.1'];
const STATUSES: readonly FindingStatus[] = [
  'current',
  'pending',
  'overdue',
  'unsupported',
  'unknown',
];
const opts = { appMap: compileAppMap(), ownerPrecedence: ['file', 'gen'] };

function fleet(n: number, seed: number, seenAt: Date): HostRecord[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    source: 'gen',
    sourceId: `G${i}`,
    serial: `GEN-${i}`,
    name: rnd() < 0.1 ? null : `gen-${Math.floor(rnd() * n)}`,
    platform: 'macos' as const,
    osVersion: pick(MAC_VERSIONS),
    osBuild: null,
    lastSeenAt: new Date(seenAt.getTime() - Math.floor(rnd() * 5) * DAY).toISOString(),
    owner: { email: `p${i % 17}@example.com`, name: null },
    model: pick(MODELS),
    apps: [
      ...(rnd() < 0.8
        ? [
            {
              kind: 'bundle-id' as const,
              key: 'com.google.Chrome',
              name: null,
              version: pick(CHROME_VERSIONS),
            },
          ]
        : []),
      ...(rnd() < 0.5
        ? [{ kind: 'bundle-id' as const, key: 'org.mozilla.firefox', name: null, version: '140.0' }]
        : []),
    ],
  }));
}

// ---- The oracle: the full-scan queries the summaries replaced. ----

function severityAt(now: Date): RawBuilder<number> {
  const arms = STATUSES.map((s) => sql`when ${sql.lit(s)} then ${sql.lit(SEVERITY[s])}`);
  return sql<number>`case ${statusAt(now)} ${sql.join(arms, sql` `)} else 0 end`;
}

async function oracleCounts(db: Db, now: Date) {
  const perHost = db.kysely
    .selectFrom('findings as f')
    .innerJoin('hosts as h', 'h.id', 'f.host_id')
    .where('h.active', '=', 1)
    .select([
      'f.host_id',
      sql<number>`max(${severityAt(now)})`.as('worst'),
      sql<number>`max(case when f.status = 'unsupported' and f.required is null then 1 else 0 end)`.as(
        'hw',
      ),
      (eb) => eb.fn.countAll<string | number>().as('n'),
    ])
    .groupBy('f.host_id');
  const rows = await db.kysely.selectFrom(perHost.as('w')).select(['worst', 'hw', 'n']).execute();
  const byWorst = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
  let findings = 0;
  let needNewHardware = 0;
  for (const r of rows) {
    const s = STATUSES.find((x) => SEVERITY[x] === Number(r.worst)) as FindingStatus;
    byWorst[s]++;
    findings += Number(r.n);
    if (s === 'unsupported' && Number(r.hw) === 1) needNewHardware++;
  }
  return { byWorst, needNewHardware, findings };
}

async function oracleSorted(
  db: Db,
  now: Date,
  sort: Extract<HostSort, 'status' | 'overdue'>,
  dir: SortDir,
  all: boolean,
): Promise<string[]> {
  const at = now.toISOString();
  const flip: SortDir = dir === 'asc' ? 'desc' : 'asc';
  const key =
    sort === 'status'
      ? {
          expr: sql`coalesce((select max(${severityAt(now)}) from findings f where f.host_id = hosts.id), -1)`,
          dir,
        }
      : {
          expr: sql`coalesce((select min(f.due_at) from findings f where f.host_id = hosts.id and f.status = 'behind' and f.due_at <= ${at}), '9999-12-31T00:00:00.000Z')`,
          dir: flip,
        };
  const rows = await hostsWhere(db, { all })
    .select('hosts.id')
    .orderBy(key.expr, key.dir)
    .orderBy(sql`lower(coalesce(hosts.name, ''))`, 'asc')
    .orderBy('hosts.id', 'asc')
    .execute();
  return rows.map((r) => r.id);
}

async function oracleWithStatus(db: Db, now: Date, status: FindingStatus): Promise<string[]> {
  const rows = await hostsWhere(db, {})
    .where('hosts.id', 'in', findingsOnly(db, { statuses: [status] }, now).select('f.host_id'))
    .select('hosts.id')
    .orderBy('hosts.id')
    .execute();
  return rows.map((r) => r.id);
}

// ---- The checks. ----

async function expectSameAnswers(db: Db, times: readonly Date[]): Promise<void> {
  // One summary per host with findings, and none for a host without.
  const summarised = await db.kysely
    .selectFrom('host_status')
    .select('host_id')
    .orderBy('host_id')
    .execute();
  const holders = await db.kysely
    .selectFrom('findings')
    .select('host_id')
    .distinct()
    .orderBy('host_id')
    .execute();
  expect(summarised.map((r) => r.host_id)).toEqual(holders.map((r) => r.host_id));
  for (const now of times) {
    expect(await computerCounts(db, now)).toEqual(await oracleCounts(db, now));
    for (const sort of ['status', 'overdue'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const all of [false, true]) {
          const expected = await oracleSorted(db, now, sort, dir, all);
          const got = await listHostsSorted(db, now, { all }, sort, dir);
          expect(got.map((h) => h.id)).toEqual(expected);
        }
        const page = await listHostsSorted(db, now, { limit: 15, offset: 30 }, sort, dir);
        expect(page.map((h) => h.id)).toEqual(
          (await oracleSorted(db, now, sort, dir, false)).slice(30, 45),
        );
      }
    }
    for (const status of STATUSES) {
      const expected = await oracleWithStatus(db, now, status);
      const got = await listHostsByFinding(db, now, { status });
      expect(got.map((h) => h.id).sort()).toEqual([...expected].sort());
      expect(await countHostsByFinding(db, now, { status })).toBe(expected.length);
    }
  }
}

/** When the inventory changes, a day on. */
const LATER = new Date(NOW.getTime() + DAY);

/** Now, days later (pending turned overdue with no refresh in between), and much later. */
const timesFrom = (t: Date): Date[] => [0, 3, 9, 40].map((d) => new Date(t.getTime() + d * DAY));

describe.each(DIALECTS)('host summaries on $name', ({ open }) => {
  let t: TestDb;
  const depsOf = (db: Db, policies: Policies = policiesSchema.parse({})) => ({
    db,
    catalog: new CatalogStore(db),
    policies,
  });
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.cleanup());

  it('answer as the full scans did, across incremental refreshes and the clock', async () => {
    const n = 160;
    await seedScenario(t.db, fleet(n, 5, NOW));
    await recordScenarioModels(t.db);
    await refreshFindings(depsOf(t.db), NOW, { batchSize: 32 });
    const first = await computerCounts(t.db, NOW);
    // The fleet has every kind of computer the checks must tell apart.
    for (const s of STATUSES) expect(first.byWorst[s]).toBeGreaterThan(0);
    expect(first.needNewHardware).toBeGreaterThan(0);
    expect(first.needNewHardware).toBeLessThan(first.byWorst.unsupported);
    await expectSameAnswers(t.db, timesFrom(NOW));

    // Hosts change (versions, models, apps), some go quiet: summaries stay those of the stored
    // findings until the refresh, then follow them; inactive hosts lose their summaries.
    const later = LATER;
    const inventory = new InventoryStore(t.db);
    const changed = fleet(n, 99, later).slice(0, 60);
    const page = await inventory.applyPage('gen', changed, later, opts);
    await inventory.removeUnreported('gen', new Set(page.hostIds), new Set(page.reported));
    await inventory.markInactive(new Date(later.getTime() - 3.5 * DAY));
    await expectSameAnswers(t.db, [later]);
    const inc = await refreshFindings(depsOf(t.db), later, { batchSize: 32 });
    expect(inc.mode).toBe('incremental');
    expect(inc.deleted).toBeGreaterThan(0);
    await expectSameAnswers(t.db, timesFrom(later));

    // A product dropped: the hosts that held it are summarised again without it.
    await new FindingsStore(t.db).dropProducts(['firefox']);
    await expectSameAnswers(t.db, timesFrom(later));
    // The next refresh finds firefox unevaluated and brings it back on every host.
    await refreshFindings(depsOf(t.db), later, { batchSize: 32 });
    await expectSameAnswers(t.db, timesFrom(later));

    // A policy change re-evaluates one product on every host.
    // (macOS: a day on, the Chrome feed is stale and every Chrome finding unknown.)
    const strict = policiesSchema.parse({
      products: { macos: { graceDays: 1, exploitedGraceDays: 0 } },
    });
    const pol = await refreshFindings(depsOf(t.db, strict), later, { batchSize: 32 });
    expect(pol.productsChanged).toEqual(['macos']);
    expect(pol.written).toBeGreaterThan(0);
    await expectSameAnswers(t.db, timesFrom(later));
  });

  it('counts a computer that needs new hardware apart from one an upgrade fixes', async () => {
    const own = await open();
    try {
      const mac = (id: string, model: string): HostRecord => ({
        ...(fleet(1, 1, NOW)[0] as HostRecord),
        sourceId: id,
        serial: `SER-${id}`,
        name: id,
        osVersion: '14.7.1',
        lastSeenAt: NOW.toISOString(),
        model,
        apps: [],
      });
      await seedScenario(own.db, [mac('old', 'MacBookAir8,1'), mac('new', 'Mac14,10')]);
      await recordScenarioModels(own.db);
      await refreshFindings(depsOf(own.db), NOW);
      const got = await computerCounts(own.db, NOW);
      const unsupported = await oracleWithStatus(own.db, NOW, 'unsupported');
      // Both Macs run an ended major; only the MacBook Air's model runs no supported one.
      expect(unsupported).toHaveLength(2);
      expect(got.byWorst.unsupported).toBeGreaterThanOrEqual(2);
      expect(got.needNewHardware).toBe(1);
    } finally {
      await own.cleanup();
    }
  });

  it('fills the summaries of a database that predates them on the next refresh', async () => {
    await t.db.kysely.deleteFrom('host_status').execute();
    const none = await computerCounts(t.db, NOW);
    expect(none.findings).toBe(0);
    const strict = policiesSchema.parse({
      products: { macos: { graceDays: 1, exploitedGraceDays: 0 } },
    });
    // Nothing changed since the last refresh: only the fill writes.
    const res = await refreshFindings(depsOf(t.db, strict), LATER);
    expect(res.written + res.deleted).toBe(0);
    await expectSameAnswers(t.db, timesFrom(LATER));
  });

  it('reads a deadline exactly at now as overdue and a behind without one as unknown', async () => {
    const own = await open();
    try {
      await seedScenario(own.db, fleet(12, 7, NOW));
      await refreshFindings(depsOf(own.db), NOW);
      const ids = (
        await own.db.kysely
          .selectFrom('findings')
          .select('host_id')
          .distinct()
          .orderBy('host_id')
          .limit(3)
          .execute()
      ).map((r) => r.host_id);
      expect(ids).toHaveLength(3);
      const [atNow, undated, justAhead] = ids as [string, string, string];
      // Every finding of the three hosts current, then one behind each at the edge.
      await own.db.kysely
        .updateTable('findings')
        .set({ status: 'current', due_at: null, required: null })
        .where('host_id', 'in', ids)
        .execute();
      const edge: [string, string | null][] = [
        [atNow, NOW.toISOString()],
        [undated, null],
        [justAhead, new Date(NOW.getTime() + 1).toISOString()],
      ];
      for (const [host, due] of edge) {
        const one = await own.db.kysely
          .selectFrom('findings')
          .select('product_id')
          .where('host_id', '=', host)
          .orderBy('product_id')
          .executeTakeFirstOrThrow();
        await own.db.kysely
          .updateTable('findings')
          .set({ status: 'behind', due_at: due, required: '999.0' })
          .where('host_id', '=', host)
          .where('product_id', '=', one.product_id)
          .execute();
      }
      await own.db.kysely.deleteFrom('host_status').execute();
      await fillHostStatus(own.db.kysely);
      const having = async (status: FindingStatus) =>
        (await listHostsByFinding(own.db, NOW, { status, all: true }))
          .map((h) => h.id)
          .filter((id) => ids.includes(id));
      expect(await having('overdue')).toEqual([atNow]);
      expect(await having('unknown')).toEqual([undated]);
      expect(await having('pending')).toEqual([justAhead]);
      await expectSameAnswers(own.db, [NOW, new Date(NOW.getTime() + 1)]);
    } finally {
      await own.cleanup();
    }
  });

  it('fills every summary when the first refresh of such a database also drops a product', async () => {
    // The last host by id held a product the catalog no longer has: dropping it summarises
    // that host, which must not pass for a finished fill of all the others.
    await t.db.kysely.deleteFrom('host_status').execute();
    const last = await t.db.kysely
      .selectFrom('findings')
      .select('host_id')
      .orderBy('host_id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .insertInto('finding_products')
      .values({ product_id: 'retired', fingerprint: 'x', evaluated_at: NOW.toISOString() })
      .execute();
    await t.db.kysely
      .insertInto('findings')
      .values({
        host_id: last.host_id,
        product_id: 'retired',
        track: null,
        status: 'current',
        installed: '1.0',
        required: null,
        required_released_at: null,
        due_at: null,
        exploited_cves: '',
        cve_count: 0,
        reason: 'up to date',
        sig: 'x',
      })
      .execute();
    const strict = policiesSchema.parse({
      products: { macos: { graceDays: 1, exploitedGraceDays: 0 } },
    });
    await refreshFindings(depsOf(t.db, strict), LATER);
    await expectSameAnswers(t.db, timesFrom(LATER));
  });
});
