import type { CatalogInput } from '../../src/catalog/catalog.js';
import { evaluate } from '../../src/compliance/evaluate.js';
import { loadHostsForEvaluation } from '../../src/compliance/inputs.js';
import type { Policies } from '../../src/compliance/policy.js';
import { countFindings, writeSnapshot } from '../../src/compliance/snapshots.js';
import { compileAppMap } from '../../src/inventory/app-map.js';
import type { HostRecord } from '../../src/inventory/model.js';
import { InventoryStore } from '../../src/inventory/store.js';
import type { Db } from '../../src/platform/db/db.js';
import type { DemoCatalog, DemoHost } from './fleet-model.js';
import { stateAt, toJamfRecord } from './stand-in-hosts.js';

const DAY = 86_400_000;

export interface ReplayOptions {
  readonly db: Db;
  readonly hosts: readonly DemoHost[];
  readonly catalog: DemoCatalog;
  /** The catalog as stored after the feed sync: restricted per day to what was released by then. */
  readonly catalogInput: CatalogInput;
  readonly policies: Policies;
  readonly fleetIdOf: ReadonlyMap<number, number>;
  readonly from: Date;
  readonly to: Date;
  readonly snapshotEveryDays: number;
}

/**
 * Replay the fleet's past day by day through the real inventory merge, so version history (and
 * so time-to-install) and the compliance trend look like months of Patchbay running. Only hosts
 * whose versions changed that day are written, as a real sync would record.
 */
export async function replayHistory(o: ReplayOptions): Promise<{ days: number; changes: number }> {
  const store = new InventoryStore(o.db);
  const opts = { appMap: compileAppMap(), ownerPrecedence: ['jamf', 'fleet'] };
  const last = new Map<number, string>();
  let changes = 0;
  let days = 0;
  for (let t = o.from.getTime(); t <= o.to.getTime(); t += DAY, days++) {
    const at = new Date(t);
    const jamf: HostRecord[] = [];
    const fleet: HostRecord[] = [];
    for (const h of o.hosts) {
      const s = stateAt(h, o.catalog, at);
      const sig = `${s.macos?.version ?? ''}|${s.chrome}`;
      if (last.get(h.id) === sig) continue;
      last.set(h.id, sig);
      if (h.platform === 'macos') jamf.push(toJamfRecord(h, o.catalog, at));
      else fleet.push(fleetRecord(h, s.chrome, o.fleetIdOf.get(h.id) ?? h.id, at));
    }
    for (const [source, records] of [
      ['jamf', jamf],
      ['fleet', fleet],
    ] as const) {
      for (let i = 0; i < records.length; i += 500)
        changes += (await store.applyPage(source, records.slice(i, i + 500), at, opts))
          .versionChanges;
    }
    if (days % o.snapshotEveryDays === 0) await snapshotAt(o, at);
  }
  return { days, changes };
}

/** The compliance of that day: the catalog as it was (releases out by then), the hosts as they were. */
async function snapshotAt(o: ReplayOptions, at: Date): Promise<void> {
  const iso = at.toISOString();
  const catalog: CatalogInput = {
    ...o.catalogInput,
    releases: o.catalogInput.releases.filter((r) => (r.releasedAt ?? r.firstSeenAt) <= iso),
    // Read daily until its capture was taken; after that its last read is the capture, so a
    // feed goes stale in the trend on the day it would have gone stale for real.
    feeds: o.catalogInput.feeds.map((f) => {
      const read =
        f.lastSuccessAt && Date.parse(f.lastSuccessAt) < at.getTime() ? f.lastSuccessAt : iso;
      return { ...f, lastSuccessAt: read, lastAttemptAt: read, lastError: null };
    }),
  };
  const hosts = await loadHostsForEvaluation(o.db);
  await writeSnapshot(
    o.db,
    countFindings(evaluate({ hosts, catalog, policies: o.policies, now: at })),
    at,
  );
}

function fleetRecord(h: DemoHost, chrome: string, fleetId: number, at: Date): HostRecord {
  const isWin = h.platform === 'windows';
  return {
    source: 'fleet',
    sourceId: String(fleetId),
    serial: h.serial,
    name: `${h.name}.local`,
    platform: h.platform,
    osVersion: isWin ? '10.0.22631.4602' : '24.04.1',
    osBuild: null,
    lastSeenAt: at.toISOString(),
    owner: { email: h.owner.email, name: null },
    apps: [
      isWin
        ? { kind: 'program', key: 'Google Chrome', name: 'Google Chrome', version: chrome }
        : { kind: 'package', key: 'google-chrome-stable', name: null, version: chrome },
    ],
  };
}
