import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { compileAppMap } from '../inventory/app-map.js';
import type { HostRecord } from '../inventory/model.js';
import { InventoryStore } from '../inventory/store.js';
import type { Db } from '../platform/db/db.js';
import { seededRandom } from '../platform/random/seeded-random.js';
import type { SortDir } from './findings-pages.js';
import { FindingsStore } from './findings-store.js';
import {
  countPeople,
  listPeople,
  PEOPLE_SORTS,
  topPeople,
  type PeopleSort,
  type PersonRow,
} from './people-pages.js';
import { policiesSchema, type Policies } from './policy.js';
import { refreshFindings } from './refresh.js';

/**
 * The people figures read from the per-host summaries (host_status) equal what a full scan of
 * the raw findings gives, per owner, in computers: the oracle below reads every finding of every
 * active host and works the figures out in memory, after every kind of refresh and at several
 * times (deadlines passing between refreshes), on SQLite and PostgreSQL.
 */

const DAY = 86_400_000;
const NEVER = '9999-12-31T00:00:00.000Z';
const MAC_VERSIONS = ['26.6.1', '26.6.2', '15.7.8', '15.7.9', '14.7.1', 'garbage'];
const CHROME_VERSIONS = ['139.0.7258.128', '139.0.7258.139', '138.0.7204.100', '140.0.1.1'];
const opts = { appMap: compileAppMap(), ownerPrecedence: ['file', 'gen'] };

/** Hosts spread over 23 owners (some with one computer, some with many), a few unowned. */
function fleet(n: number, seed: number, seenAt: Date): HostRecord[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const k = Math.floor(rnd() * rnd() * 23);
    return {
      source: 'gen',
      sourceId: `G${i}`,
      serial: `GEN-${i}`,
      name: `gen-${i}`,
      platform: 'macos' as const,
      osVersion: pick(MAC_VERSIONS),
      osBuild: null,
      lastSeenAt: new Date(seenAt.getTime() - Math.floor(rnd() * 5) * DAY).toISOString(),
      owner: rnd() < 0.07 ? null : { email: `p${k}@example.com`, name: k % 3 ? `P ${k}` : null },
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
          ? [
              {
                kind: 'bundle-id' as const,
                key: 'org.mozilla.firefox',
                name: null,
                version: '140.0',
              },
            ]
          : []),
      ],
    };
  });
}

// ---- The oracle: every finding read, the figures worked out per owner in memory. ----

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function oraclePeople(db: Db, now: Date): Promise<PersonRow[]> {
  const at = now.toISOString();
  const rows = await db.kysely
    .selectFrom('findings as f')
    .innerJoin('hosts as h', 'h.id', 'f.host_id')
    .where('h.active', '=', 1)
    .select(['f.host_id', 'f.status', 'f.due_at', 'h.owner_email', 'h.owner_name'])
    .execute();
  const people = new Map<
    string,
    { name: string | null; all: Set<string>; late: Set<string>; ahead: Set<string> } & {
      oldest: string | null;
    }
  >();
  for (const r of rows) {
    if (r.owner_email === null) continue;
    const p = people.get(r.owner_email) ?? {
      name: null,
      all: new Set<string>(),
      late: new Set<string>(),
      ahead: new Set<string>(),
      oldest: null,
    };
    if (r.owner_name !== null && (p.name === null || r.owner_name > p.name)) p.name = r.owner_name;
    p.all.add(r.host_id);
    // As findingAt reads one row: behind with a deadline is overdue once it has passed.
    if (r.status === 'behind' && r.due_at !== null) {
      if (r.due_at <= at) {
        p.late.add(r.host_id);
        if (p.oldest === null || r.due_at < p.oldest) p.oldest = r.due_at;
      } else p.ahead.add(r.host_id);
    }
    people.set(r.owner_email, p);
  }
  return [...people].map(([email, p]) => ({
    email,
    name: p.name,
    computers: p.all.size,
    computersOverdue: p.late.size,
    computersPending: p.ahead.size,
    oldestMissed: p.oldest,
  }));
}

const nameOf = (p: PersonRow): string => (p.name ?? p.email).toLowerCase();

function oracleSorted(people: readonly PersonRow[], sort: PeopleSort, dir: SortDir): PersonRow[] {
  const key: Record<PeopleSort, (p: PersonRow) => string | number> = {
    name: nameOf,
    computers: (p) => p.computers,
    overdue: (p) => p.computersOverdue,
    pending: (p) => p.computersPending,
    days: (p) => p.oldestMissed ?? NEVER,
  };
  // Most days overdue is the earliest deadline: that column's order is the deadline's reversed.
  const sign = (sort === 'days' ? dir === 'asc' : dir === 'desc') ? -1 : 1;
  const by = (a: string | number, b: string | number): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : cmp(String(a), String(b));
  return [...people].sort(
    (a, b) =>
      sign * by(key[sort](a), key[sort](b)) || cmp(nameOf(a), nameOf(b)) || cmp(a.email, b.email),
  );
}

function oracleTop(people: readonly PersonRow[], limit: number): PersonRow[] {
  return people
    .filter((p) => p.computersOverdue + p.computersPending > 0)
    .sort(
      (a, b) =>
        b.computersOverdue - a.computersOverdue ||
        cmp(a.oldestMissed ?? NEVER, b.oldestMissed ?? NEVER) ||
        b.computersPending - a.computersPending ||
        cmp(a.email, b.email),
    )
    .slice(0, limit);
}

// ---- The checks. ----

async function expectSameAnswers(db: Db, times: readonly Date[]): Promise<void> {
  for (const now of times) {
    const people = await oraclePeople(db, now);
    expect(await countPeople(db)).toBe(people.length);
    expect(await topPeople(db, now, 10)).toEqual(oracleTop(people, 10));
    for (const sort of PEOPLE_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const expected = oracleSorted(people, sort, dir);
        expect(await listPeople(db, now, sort, dir, { limit: 1000, offset: 0 })).toEqual(expected);
        expect(await listPeople(db, now, sort, dir, { limit: 4, offset: 6 })).toEqual(
          expected.slice(6, 10),
        );
      }
    }
  }
}

const LATER = new Date(NOW.getTime() + DAY);
/** Now, days later (pending turned overdue with no refresh in between), and much later. */
const timesFrom = (t: Date): Date[] => [0, 3, 9, 40].map((d) => new Date(t.getTime() + d * DAY));

describe.each(DIALECTS)('people figures from host summaries on $name', ({ open }) => {
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

  it('equal a full scan of the findings, across refreshes and the clock', async () => {
    const n = 180;
    await seedScenario(t.db, fleet(n, 7, NOW));
    await refreshFindings(depsOf(t.db), NOW, { batchSize: 32 });
    const first = await oraclePeople(t.db, NOW);
    // The fleet tells the figures apart: overdue and pending on one person, computers clean.
    expect(first.some((p) => p.computersOverdue > 0 && p.computersPending > 0)).toBe(true);
    expect(first.some((p) => p.computersOverdue + p.computersPending === 0)).toBe(true);
    expect(first.some((p) => p.computersOverdue + p.computersPending < p.computers)).toBe(true);
    expect(oracleTop(first, 99).length).toBeGreaterThan(10);
    await expectSameAnswers(t.db, timesFrom(NOW));

    // Hosts change and some go quiet: the figures follow the stored findings, then the refresh.
    const inventory = new InventoryStore(t.db);
    const changed = fleet(n, 99, LATER).slice(0, 70);
    const page = await inventory.applyPage('gen', changed, LATER, opts);
    await inventory.removeUnreported('gen', new Set(page.hostIds), new Set(page.reported));
    await inventory.markInactive(new Date(LATER.getTime() - 3.5 * DAY));
    await expectSameAnswers(t.db, [LATER]);
    const inc = await refreshFindings(depsOf(t.db), LATER, { batchSize: 32 });
    expect(inc.mode).toBe('incremental');
    await expectSameAnswers(t.db, timesFrom(LATER));

    // A product dropped, then brought back; then a policy change re-evaluates macOS everywhere.
    await new FindingsStore(t.db).dropProducts(['firefox']);
    await expectSameAnswers(t.db, timesFrom(LATER));
    await refreshFindings(depsOf(t.db), LATER, { batchSize: 32 });
    const strict = policiesSchema.parse({
      products: { macos: { graceDays: 1, exploitedGraceDays: 0 } },
    });
    const pol = await refreshFindings(depsOf(t.db, strict), LATER, { batchSize: 32 });
    expect(pol.productsChanged).toEqual(['macos']);
    await expectSameAnswers(t.db, timesFrom(LATER));
  });

  it('counts a computer once however many of its products are late', async () => {
    const own = await open();
    try {
      const mac: HostRecord = {
        ...(fleet(1, 1, NOW)[0] as HostRecord),
        owner: { email: 'solo@example.com', name: 'Solo' },
        osVersion: '15.7.8',
        apps: [
          { kind: 'bundle-id', key: 'com.google.Chrome', name: null, version: '138.0.7204.100' },
        ],
      };
      await seedScenario(own.db, [mac]);
      await refreshFindings(depsOf(own.db), NOW);
      const later = new Date(NOW.getTime() + 60 * DAY);
      const late = await own.db.kysely
        .selectFrom('findings as f')
        .innerJoin('hosts as h', 'h.id', 'f.host_id')
        .where('h.owner_email', '=', 'solo@example.com')
        .where('f.status', '=', 'behind')
        .select('f.product_id')
        .execute();
      // Two products behind on the one Mac: one computer overdue, not two.
      expect(late.length).toBe(2);
      const [solo] = (
        await listPeople(own.db, later, 'name', 'asc', { limit: 100, offset: 0 })
      ).filter((p) => p.email === 'solo@example.com');
      expect(solo).toMatchObject({ computers: 1, computersOverdue: 1, computersPending: 0 });
    } finally {
      await own.cleanup();
    }
  });
});
