import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random/seeded-random.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { listHosts, type HostFilter } from '../inventory/host-query.js';
import type { HostRecord } from '../inventory/model.js';
import {
  countHostsByFinding,
  listHostsByFinding,
  mostUrgent,
  SEVERITY,
  statusCountsBy,
  worstStatusOf,
  type HostFindingFilter,
} from './findings-pages.js';
import { listFindings, type FindingWithHost } from './findings-query.js';
import type { FindingStatus } from './model.js';
import { topPeople } from './people-pages.js';
import { policiesSchema } from './policy.js';
import { refreshFindings } from './refresh.js';

const DAY = 86_400_000;
/** Now, and later when more of the pending findings have turned overdue. */
const TIMES = [NOW, new Date(NOW.getTime() + 9 * DAY)];

function fleet(n: number): HostRecord[] {
  const rnd = seededRandom(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    source: 'gen',
    sourceId: `G${i}`,
    serial: `GEN-${i}`,
    // Mixed case and a few nameless hosts, to pin the name order.
    name: i % 13 === 0 ? null : `${i % 2 ? 'Gen' : 'gen'}-${i}`,
    platform: 'macos' as const,
    osVersion: pick(['26.6.1', '26.6.2', '15.7.8', '15.7.9', '14.7.1', 'garbage']),
    osBuild: null,
    lastSeenAt: new Date(NOW.getTime() - DAY).toISOString(),
    owner: i % 11 === 0 ? null : { email: `p${i % 17}@example.com`, name: `P ${i % 17}` },
    apps:
      rnd() < 0.8
        ? [
            {
              kind: 'bundle-id' as const,
              key: 'com.google.Chrome',
              name: null,
              version: pick(['139.0.7258.128', '139.0.7258.139', '138.0.7204.100']),
            },
          ]
        : [],
  }));
}

/** Binary string order, as SQL compares these ASCII values on both dialects. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe.each(DIALECTS)('dashboard queries over stored findings on $name', ({ open }) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await open();
    await seedScenario(t.db, fleet(160));
    const deps = { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) };
    await refreshFindings(deps, NOW);
  });
  afterAll(() => t.cleanup());

  const all = (now: Date): Promise<FindingWithHost[]> => listFindings(t.db, now, {});

  it.each(TIMES)('ranks the people to chase as of %s', async (now) => {
    type P = {
      name: string | null;
      hosts: Set<string>;
      overdue: Set<string>;
      pending: Set<string>;
    };
    const people = new Map<string, P & { oldest: string | null }>();
    const none = (name: string | null) => ({
      name,
      hosts: new Set<string>(),
      overdue: new Set<string>(),
      pending: new Set<string>(),
      oldest: null,
    });
    for (const f of await all(now)) {
      if (!f.ownerEmail) continue;
      const p = people.get(f.ownerEmail) ?? none(f.ownerName);
      p.hosts.add(f.hostId);
      if (f.status === 'overdue' || f.status === 'pending') p[f.status].add(f.hostId);
      if (f.status === 'overdue' && f.deadline && (!p.oldest || f.deadline < p.oldest))
        p.oldest = f.deadline;
      people.set(f.ownerEmail, p);
    }
    // In computers: most overdue, then the oldest missed deadline, then most pending.
    const expected = [...people]
      .filter(([, p]) => p.overdue.size + p.pending.size > 0)
      .map(([email, p]) => ({
        email,
        name: p.name,
        computers: p.hosts.size,
        computersOverdue: p.overdue.size,
        computersPending: p.pending.size,
        oldestMissed: p.oldest,
      }))
      .sort(
        (a, b) =>
          b.computersOverdue - a.computersOverdue ||
          cmp(a.oldestMissed ?? '~', b.oldestMissed ?? '~') ||
          b.computersPending - a.computersPending ||
          cmp(a.email, b.email),
      )
      .slice(0, 10);
    expect(expected.length).toBe(10);
    expect(await topPeople(t.db, now, 10)).toEqual(expected);
  });

  it.each(TIMES)("lists a product's most urgent hosts as of %s", async (now) => {
    const label = (f: FindingWithHost): string => f.hostName ?? f.hostId;
    const expected = (await all(now))
      .filter((f) => f.product === 'chrome')
      .sort(
        (a, b) =>
          SEVERITY[b.status] - SEVERITY[a.status] ||
          cmp(label(a).toLowerCase(), label(b).toLowerCase()) ||
          cmp(label(a), label(b)) ||
          cmp(a.hostId, b.hostId),
      );
    const got = await mostUrgent(t.db, now, 'chrome', 500);
    expect(got).toEqual(expected);
    expect(new Set(got.map((f) => f.status)).size).toBeGreaterThan(1);
    expect(await mostUrgent(t.db, now, 'chrome', 25)).toEqual(expected.slice(0, 25));
  });

  it.each(TIMES)('finds the worst status of listed hosts as of %s', async (now) => {
    const rows = await all(now);
    const ids = [...new Set(rows.map((f) => f.hostId))].filter((_, i) => i % 3 === 0);
    for (const product of [undefined, 'chrome']) {
      const expected = new Map<string, FindingStatus>();
      for (const f of rows) {
        if (!ids.includes(f.hostId) || (product && f.product !== product)) continue;
        const was = expected.get(f.hostId);
        if (!was || SEVERITY[f.status] > SEVERITY[was]) expected.set(f.hostId, f.status);
      }
      expect(await worstStatusOf(t.db, now, [...ids, 'no-such-host'], product)).toEqual(expected);
    }
    expect(await worstStatusOf(t.db, now, [])).toEqual(new Map());
  });

  it.each(TIMES)('counts by status with one GROUP BY as of %s', async (now) => {
    // The product page's version spread and report --by product read statusCountsBy.
    const expected = new Map<string, number>();
    for (const f of await all(now)) {
      const key = `${f.product}/${f.track ?? ''}/${f.status}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const rows = await statusCountsBy(t.db, now, {}, 'product-track');
    const got = new Map(
      rows.flatMap((r) =>
        Object.entries(r.counts)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => [`${r.key}/${r.track ?? ''}/${s}`, n] as const),
      ),
    );
    expect(got).toEqual(expected);
    const spread = await statusCountsBy(t.db, now, { product: 'chrome' }, 'installed');
    expect(spread.map((r) => r.key).sort()).toEqual(
      [
        ...new Set((await all(now)).filter((f) => f.product === 'chrome').map((f) => f.installed)),
      ].sort(),
    );
  });

  it.each(TIMES)(
    'counts by status per owner and per host name, as report --by does, as of %s',
    async (now) => {
      const rows = await all(now);
      for (const [by, keyOf] of [
        ['owner', (f: FindingWithHost) => f.ownerEmail ?? ''],
        ['host-name', (f: FindingWithHost) => f.hostName ?? f.hostId],
      ] as const) {
        const expected = new Map<string, number>();
        for (const f of rows) {
          const key = `${keyOf(f)}/${f.status}`;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
        const counted = await statusCountsBy(t.db, now, {}, by);
        const got = new Map(
          counted.flatMap((r) =>
            Object.entries(r.counts)
              .filter(([, n]) => n > 0)
              .map(([s, n]) => [`${r.key ?? ''}/${s}`, n] as const),
          ),
        );
        expect(got).toEqual(expected);
      }
    },
  );

  it.each<[string, HostFindingFilter]>([
    ['overdue', { status: 'overdue' }],
    ['current chrome', { status: 'current', product: 'chrome' }],
    [
      'pending macOS of one owner',
      { status: 'pending', product: 'macos', owner: 'p3@example.com' },
    ],
    ['unknown, searched', { status: 'unknown', q: 'GEN-1' }],
    ['no status filter', { product: 'chrome' }],
  ])('pages hosts that have a finding of a status: %s', async (_name, filter) => {
    let matched = 0;
    for (const now of TIMES) {
      const rows = await all(now);
      const hit = new Set(
        rows
          .filter(
            (f) =>
              (!filter.status || f.status === filter.status) &&
              (!filter.product || f.product === filter.product),
          )
          .map((f) => f.hostId),
      );
      const expected = (
        await listHosts(t.db, { ...filter, status: undefined } as HostFilter)
      ).filter((h) => !filter.status || hit.has(h.id));
      matched += expected.length;
      expect(await countHostsByFinding(t.db, now, filter)).toBe(expected.length);
      const pages = [
        await listHostsByFinding(t.db, now, { ...filter, limit: 7 }),
        await listHostsByFinding(t.db, now, { ...filter, limit: 7, offset: 7 }),
      ];
      expect(pages.flat()).toEqual(expected.slice(0, 14));
    }
    expect(matched).toBeGreaterThan(0);
  });

  // Last: it rewrites a stored row. A behind row without a deadline reads as unknown everywhere.
  it('filters a behind finding without a deadline as unknown, as it is counted', async () => {
    const [row] = await listFindings(t.db, NOW, { statuses: ['overdue', 'pending'] });
    if (!row) throw new Error('the fleet has a finding with a deadline');
    const { product } = row;
    await t.db.kysely
      .updateTable('findings')
      .set({ due_at: null })
      .where('host_id', '=', row.hostId)
      .where('product_id', '=', product)
      .execute();
    const unknown = await listFindings(t.db, NOW, { statuses: ['unknown'], product });
    expect(unknown.map((f) => f.hostId)).toContain(row.hostId);
    const [counted] = await statusCountsBy(t.db, NOW, { product }, 'product');
    expect(unknown.length).toBe(counted?.counts.unknown);
  });
});
