import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { NOW, recordScenarioModels, seedScenario } from '../../test/reminder-scenario.js';
import { CatalogStore } from '../catalog/store.js';
import { compileAppMap } from '../inventory/app-map.js';
import type { HostRecord } from '../inventory/model.js';
import { InventoryStore } from '../inventory/store.js';
import type { Db } from '../platform/db/db.js';
import { evaluate } from './evaluate.js';
import { listFindings } from './findings-query.js';
import { loadHostsForEvaluation } from './inputs.js';
import { policiesSchema, type Policies } from './policy.js';
import { refreshFindings } from './refresh.js';

const opts = { appMap: compileAppMap(), ownerPrecedence: ['file', 'gen'] };

function mac(sourceId: string, osVersion: string, model: string): HostRecord {
  return {
    source: 'gen',
    sourceId,
    serial: `SER-${sourceId}`,
    name: sourceId,
    platform: 'macos',
    osVersion,
    osBuild: null,
    lastSeenAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
    owner: { email: `${sourceId}@example.com`, name: null },
    apps: [],
    model,
  };
}

describe.each(DIALECTS)('stored findings and hardware models on $name', ({ open }) => {
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

  async function macos(db: Db): Promise<Record<string, [string, string | null]>> {
    const rows = await listFindings(db, NOW, {});
    const out: Record<string, [string, string | null]> = {};
    for (const f of rows)
      if (f.product === 'macos') out[f.hostName ?? f.hostId] = [f.status, f.required];
    return out;
  }

  it('stores the target the model sets, and re-judges a host whose model changed', async () => {
    t = await open();
    await seedScenario(t.db, [
      mac('old', '14.7.1', 'MacBookAir8,1'),
      mac('new', '14.7.1', 'Mac14,10'),
    ]);
    await recordScenarioModels(t.db);
    const deps = depsOf(t.db);
    await refreshFindings(deps, NOW);
    expect(await macos(t.db)).toMatchObject({
      old: ['unsupported', null],
      new: ['unsupported', '26.6.2'],
    });
    // What is stored is what the pure evaluation of the stored inputs gives.
    const expected = evaluate({
      hosts: await loadHostsForEvaluation(t.db),
      catalog: await deps.catalog.loadCatalogInput(),
      policies: deps.policies,
      now: NOW,
    });
    const stored = await listFindings(t.db, NOW, {});
    expect(
      stored.map(
        ({ hostName: _n, serial: _s, platform: _p, ownerEmail: _e, ownerName: _o, ...f }) => f,
      ),
    ).toEqual(expected);

    // A logic board swap: only that host is re-judged, to the newer model's target.
    await new InventoryStore(t.db).applyPage('gen', [mac('old', '14.7.1', 'Mac14,10')], NOW, opts);
    const res = await refreshFindings(deps, NOW);
    expect(res.hostsEvaluated).toBe(1);
    expect((await macos(t.db)).old).toEqual(['unsupported', '26.6.2']);
  });

  it('re-judges macOS when the support window changes', async () => {
    t = await open();
    await seedScenario(t.db, [mac('sequoia', '15.7.9', 'MacBookAir8,1')]);
    await recordScenarioModels(t.db);
    await refreshFindings(depsOf(t.db), NOW);
    expect((await macos(t.db)).sequoia).toEqual(['current', '15.7.9']);
    const narrow = policiesSchema.parse({ apple: { supportedMajors: 1 } });
    const res = await refreshFindings(depsOf(t.db, narrow), NOW);
    expect(res.productsChanged).toContain('macos');
    expect((await macos(t.db)).sequoia).toEqual(['unsupported', null]);
  });
});
