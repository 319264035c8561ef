import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { policiesSchema } from './policy.js';
import { actionableFindings, readFindings, reminderFindings } from './service.js';
import { countFindingsByProduct } from './snapshots.js';

describe.each(DIALECTS)('stored findings reads on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  it('reads one host exactly as the whole-fleet read shows it', async () => {
    t = await open();
    await seedScenario(t.db);
    const deps = { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) };
    const actionable = await reminderFindings(deps, NOW);
    const all = await readFindings(deps, NOW);
    const hostId = all.findings.find((f) => f.status === 'overdue')?.hostId as string;
    const one = await readFindings(deps, NOW, { hostIds: [hostId] });
    expect(one.findings).toEqual(all.findings.filter((f) => f.hostId === hostId));
    expect([...one.hosts.keys()]).toEqual([hostId]);
    expect(one.findings.length).toBeGreaterThan(0);
    // A reminder cycle sees only what it can act on.
    expect(new Set(actionable.findings.map((f) => f.status))).toEqual(
      new Set(['pending', 'overdue']),
    );
    expect(actionable.findings).toEqual(
      all.findings.filter((f) => ['pending', 'overdue', 'unsupported'].includes(f.status)),
    );
  });

  it('reminds nobody about a host in an identity conflict, which every other view still shows', async () => {
    t = await open();
    await seedScenario(t.db);
    const deps = { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) };
    const before = await reminderFindings(deps, NOW);
    const [disputed, holder] = [...before.hosts.keys()];
    expect(holder).toBeDefined();
    // As the inventory flags an osquery node claiming another host's serial.
    await t.db.kysely
      .updateTable('hosts')
      .set({ conflict_serial: 'C02CLAIMED', conflict_with: holder as string })
      .where('id', '=', disputed as string)
      .execute();
    const after = await reminderFindings(deps, NOW);
    expect(after.findings.length).toBeGreaterThan(0);
    expect(after.findings.filter((f) => f.hostId === disputed)).toEqual([]);
    expect(after.findings).toEqual(before.findings.filter((f) => f.hostId !== disputed));
    // Not even through an open "I updated" claim on it.
    const claimed = await actionableFindings(deps, NOW, [disputed as string]);
    expect(claimed.findings.filter((f) => f.hostId === disputed)).toEqual([]);
    // The dashboard, API and report still show it, flagged.
    const all = await readFindings(deps, NOW);
    expect(all.findings.some((f) => f.hostId === disputed)).toBe(true);
  });

  it('adds every finding of hosts with an open claim, current ones too', async () => {
    t = await open();
    await seedScenario(t.db);
    const deps = { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) };
    await reminderFindings(deps, NOW);
    const all = await readFindings(deps, NOW);
    const current = all.findings.find((f) => f.status === 'current');
    expect(current).toBeDefined();
    const view = await actionableFindings(deps, NOW, [current?.hostId as string]);
    expect(view.findings).toContainEqual(current);
    expect(view.hosts.get(current?.hostId as string)?.name).toMatch(/^mac-/);
  });
});

describe.each(DIALECTS)('status counts on $name', ({ open }) => {
  it('counts by product and status as of any time, on both databases', async () => {
    const t = await open();
    try {
      await seedScenario(t.db);
      const deps = {
        db: t.db,
        catalog: new CatalogStore(t.db),
        policies: policiesSchema.parse({}),
      };
      await reminderFindings(deps, NOW);
      for (const at of [NOW, new Date(NOW.getTime() + 9 * 86_400_000)]) {
        const counts = await countFindingsByProduct(t.db, at);
        const { findings } = await readFindings(deps, at);
        const expected = new Map<string, Map<string, number>>();
        for (const f of findings) {
          const m = expected.get(f.product) ?? new Map<string, number>();
          m.set(f.status, (m.get(f.status) ?? 0) + 1);
          expected.set(f.product, m);
        }
        expect(counts).toEqual(expected);
      }
    } finally {
      await t.cleanup();
    }
  });
});
