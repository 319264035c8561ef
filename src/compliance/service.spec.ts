import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { policiesSchema } from './policy.js';
import { computeFindings } from './service.js';

describe.each(DIALECTS)('computeFindings on $name', ({ open }) => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.cleanup();
    t = null;
  });

  it('evaluates one host exactly as the whole-fleet evaluation does', async () => {
    t = await open();
    await seedScenario(t.db);
    const deps = { db: t.db, catalog: new CatalogStore(t.db), policies: policiesSchema.parse({}) };
    const all = await computeFindings(deps, NOW);
    const hostId = all.findings.find((f) => f.status === 'overdue')?.hostId as string;
    const one = await computeFindings(deps, NOW, hostId);
    expect(one.findings).toEqual(all.findings.filter((f) => f.hostId === hostId));
    expect([...one.hosts.keys()]).toEqual([hostId]);
    expect(one.findings.length).toBeGreaterThan(0);
  });
});
