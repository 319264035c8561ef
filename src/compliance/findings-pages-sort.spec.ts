import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { listHosts, type HostView } from '../inventory/host-query.js';
import type { HostRecord } from '../inventory/model.js';
import { computerCounts } from './host-status-query.js';
import {
  HOST_SORTS,
  listHostsSorted,
  oldestOverdueOf,
  SEVERITY,
  type HostSort,
  type SortDir,
} from './findings-pages.js';
import { listFindings, type FindingWithHost } from './findings-query.js';
import { countPeople, listPeople, PEOPLE_SORTS, type PeopleSort } from './people-pages.js';
import type { FindingStatus } from './model.js';
import { policiesSchema } from './policy.js';
import { refreshFindings } from './refresh.js';

const DAY = 86_400_000;
/** Now, and later when more of the pending findings have turned overdue. */
const TIMES = [NOW, new Date(NOW.getTime() + 9 * DAY)];

/** A fleet whose every sortable column varies, nulls included. */
function fleet(n: number): HostRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    source: 'gen',
    sourceId: `S${i}`,
    serial: i % 9 === 0 ? null : `SER-${(i * 7) % n}`,
    name: i % 13 === 0 ? null : `${i % 2 ? 'Mac' : 'mac'}-${(i * 5) % n}`,
    platform: 'macos' as const,
    osVersion: ['26.6.1', '26.6.2', '15.7.8', '15.7.9', '14.7.1', null][i % 6] ?? null,
    osBuild: null,
    lastSeenAt: i % 10 === 0 ? null : new Date(NOW.getTime() - (i % 4) * DAY).toISOString(),
    owner:
      i % 11 === 0 ? null : { email: `p${i % 17}@example.com`, name: i % 3 ? `P ${i % 17}` : null },
    apps:
      i % 5 === 0
        ? []
        : [
            {
              kind: 'bundle-id' as const,
              key: 'com.google.Chrome',
              name: null,
              version: ['139.0.7258.128', '139.0.7258.139', '138.0.7204.100'][i % 3] as string,
            },
          ],
  }));
}

/** Binary string order, as SQL compares these ASCII values on both dialects. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const NEVER = '9999-12-31T00:00:00.000Z';

/** The order the hosts table promises, computed in memory from the findings as the oracle. */
function expectedOrder(
  hosts: readonly HostView[],
  findings: readonly FindingWithHost[],
  sort: HostSort,
  dir: SortDir,
): string[] {
  const worst = new Map<string, number>();
  const missed = new Map<string, string>();
  for (const f of findings) {
    worst.set(f.hostId, Math.max(worst.get(f.hostId) ?? -1, SEVERITY[f.status]));
    if (f.status === 'overdue' && f.deadline && f.deadline < (missed.get(f.hostId) ?? NEVER))
      missed.set(f.hostId, f.deadline);
  }
  const name = (h: HostView) => (h.name ?? '').toLowerCase();
  const key: Record<HostSort, (h: HostView) => string | number> = {
    name,
    serial: (h) => h.serial ?? '',
    os: (h) => `${h.platform} ${h.osVersion ?? ''}`.toLowerCase(),
    owner: (h) => (h.owner?.name ?? h.owner?.email ?? '').toLowerCase(),
    status: (h) => worst.get(h.id) ?? -1,
    // Days overdue: more days is an earlier deadline.
    overdue: (h) => missed.get(h.id) ?? NEVER,
    seen: (h) => h.lastSeenAt ?? '',
    products: (h) => Object.keys(h.products).length,
  };
  const sign = (sort === 'overdue' ? dir === 'asc' : dir === 'desc') ? -1 : 1;
  const by = (a: string | number, b: string | number): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : cmp(String(a), String(b));
  return [...hosts]
    .sort(
      (a, b) => sign * by(key[sort](a), key[sort](b)) || cmp(name(a), name(b)) || cmp(a.id, b.id),
    )
    .map((h) => h.id);
}

describe.each(DIALECTS)('computers and sorted hosts on $name', ({ open }) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await open();
    await seedScenario(t.db, fleet(120));
    const deps = { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) };
    await refreshFindings(deps, NOW);
  });
  afterAll(() => t.cleanup());

  it.each(TIMES)('counts computers by their worst finding as of %s', async (now) => {
    const findings = await listFindings(t.db, now, {});
    const worst = new Map<string, FindingStatus>();
    for (const f of findings) {
      const w = worst.get(f.hostId);
      if (!w || SEVERITY[f.status] > SEVERITY[w]) worst.set(f.hostId, f.status);
    }
    const expected: Record<FindingStatus, number> = {
      current: 0,
      pending: 0,
      overdue: 0,
      unsupported: 0,
      unknown: 0,
    };
    for (const s of worst.values()) expected[s]++;
    const got = await computerCounts(t.db, now);
    expect(got.byWorst).toEqual(expected);
    expect(got.findings).toBe(findings.length);
    // The headline counts computers: fewer than the host x product pairs it used to count.
    const computers = Object.values(got.byWorst).reduce((a, b) => a + b, 0);
    expect(computers).toBe(worst.size);
    expect(computers).toBeLessThan(findings.length);
  });

  const cases = HOST_SORTS.flatMap((sort) =>
    (['asc', 'desc'] as const).flatMap((dir) => TIMES.map((now) => [sort, dir, now] as const)),
  );
  it.each(cases)('sorts the hosts by %s %s as of %s', async (sort, dir, now) => {
    const [hosts, findings] = await Promise.all([listHosts(t.db, {}), listFindings(t.db, now, {})]);
    const expected = expectedOrder(hosts, findings, sort, dir);
    const got = await listHostsSorted(t.db, now, {}, sort, dir);
    expect(got.map((h) => h.id)).toEqual(expected);
    const page = await listHostsSorted(t.db, now, { limit: 20, offset: 40 }, sort, dir);
    expect(page.map((h) => h.id)).toEqual(expected.slice(40, 60));
  });

  it.each(['asc', 'desc'] as const)(
    "sorts by one product's status when the table is filtered to it (%s)",
    async (dir) => {
      const [hosts, findings] = await Promise.all([
        listHosts(t.db, { product: 'chrome' }),
        listFindings(t.db, NOW, { product: 'chrome' }),
      ]);
      const expected = expectedOrder(hosts, findings, 'status', dir);
      const got = await listHostsSorted(t.db, NOW, { product: 'chrome' }, 'status', dir);
      expect(got.map((h) => h.id)).toEqual(expected);
      // Sorted by the worst over all products instead, the order differs on this fleet.
      const all = await listFindings(t.db, NOW, { hostIds: hosts.map((h) => h.id) });
      expect(expectedOrder(hosts, all, 'status', dir)).not.toEqual(expected);
    },
  );

  it('puts the most days overdue first, and reads each host its oldest missed deadline', async () => {
    const now = TIMES[1] as Date;
    const got = await listHostsSorted(t.db, now, {}, 'overdue', 'desc');
    const missed = await oldestOverdueOf(
      t.db,
      now,
      got.map((h) => h.id),
    );
    const dues = got.map((h) => missed.get(h.id) ?? NEVER);
    expect(missed.size).toBeGreaterThan(1);
    expect(dues).toEqual([...dues].sort(cmp));
  });

  const peopleCases = PEOPLE_SORTS.flatMap((sort) =>
    (['asc', 'desc'] as const).flatMap((dir) => TIMES.map((now) => [sort, dir, now] as const)),
  );
  it.each(peopleCases)('sorts the people by %s %s as of %s', async (sort, dir, now) => {
    const findings = (await listFindings(t.db, now, {})).filter((f) => f.ownerEmail);
    const people = new Map<
      string,
      {
        name: string | null;
        hosts: Set<string>;
        overdue: Set<string>;
        pending: Set<string>;
        oldest: string;
      }
    >();
    for (const f of findings) {
      const email = f.ownerEmail as string;
      const p = people.get(email) ?? {
        name: null,
        hosts: new Set<string>(),
        overdue: new Set<string>(),
        pending: new Set<string>(),
        oldest: NEVER,
      };
      if (f.ownerName && (!p.name || f.ownerName > p.name)) p.name = f.ownerName;
      p.hosts.add(f.hostId);
      // Counted in computers: a host with two overdue products is one computer overdue.
      if (f.status === 'pending') p.pending.add(f.hostId);
      if (f.status === 'overdue') {
        p.overdue.add(f.hostId);
        if (f.deadline && f.deadline < p.oldest) p.oldest = f.deadline;
      }
      people.set(email, p);
    }
    type P = [string, NonNullable<ReturnType<typeof people.get>>];
    const name = ([email, p]: P) => (p.name ?? email).toLowerCase();
    const key: Record<PeopleSort, (x: P) => string | number> = {
      name,
      computers: ([, p]) => p.hosts.size,
      overdue: ([, p]) => p.overdue.size,
      pending: ([, p]) => p.pending.size,
      days: ([, p]) => p.oldest,
    };
    const sign = (sort === 'days' ? dir === 'asc' : dir === 'desc') ? -1 : 1;
    const by = (a: string | number, b: string | number): number =>
      typeof a === 'number' && typeof b === 'number' ? a - b : cmp(String(a), String(b));
    const expected = [...people]
      .sort(
        (a, b) => sign * by(key[sort](a), key[sort](b)) || cmp(name(a), name(b)) || cmp(a[0], b[0]),
      )
      .map(([email]) => email);
    expect(await countPeople(t.db)).toBe(expected.length);
    const got = await listPeople(t.db, now, sort, dir, { limit: 1000, offset: 0 });
    expect(got.map((p) => p.email)).toEqual(expected);
    const page = await listPeople(t.db, now, sort, dir, { limit: 5, offset: 5 });
    expect(page.map((p) => p.email)).toEqual(expected.slice(5, 10));
    const first = got[0]!;
    const [, mine] = [...people].find(([e]) => e === first.email)!;
    expect([first.computers, first.computersOverdue, first.computersPending]).toEqual([
      mine.hosts.size,
      mine.overdue.size,
      mine.pending.size,
    ]);
  });
});
