import { seededRandom } from '../../platform/random/seeded-random.js';
import { CatalogStore } from '../../catalog/store.js';
import type { Db } from '../../platform/db/db.js';
import { DEFAULT_POLICY } from '../policy.js';
import type { ComplianceDeps } from '../service.js';

/** A fleet for the reminders control-group comparison: one macOS release, owners, install times. */
export const GROUPS_NOW = new Date('2026-09-01T00:00:00.000Z');
const RELEASED = Date.parse('2026-08-01T00:00:00.000Z');
const DAY = 86_400_000;

export interface FleetHost {
  readonly id: string;
  readonly owner: string | null;
  /** Days after the release it installed; null: still waiting at GROUPS_NOW. */
  readonly installDays: number | null;
}

/**
 * `hosts` Macs on 15.7.7 when 15.7.8 comes out (2026-08-01); each installs after an
 * exponential time with its group's mean (control when `isControl(owner)`), unless that is
 * past GROUPS_NOW. Every tenth host has no owner (nobody to remind). `ownerOf(i)`: host i's owner.
 */
export function fleet(
  hosts: number,
  remindedMean: number,
  controlMean: number,
  seed: number,
  ownerOf: (i: number) => string,
  isControl: (email: string) => boolean,
): FleetHost[] {
  const random = seededRandom(seed);
  return Array.from({ length: hosts }, (_, i) => {
    const owner = i % 10 === 9 ? null : ownerOf(i);
    const mean = owner !== null && isControl(owner) ? controlMean : remindedMean;
    const t = -mean * Math.log(1 - random());
    return { id: `h${String(i).padStart(5, '0')}`, owner, installDays: t < 31 ? t : null };
  });
}

/** Stores the catalog, the hosts (with owners) and their version history. */
export async function seedGroupFleet(db: Db, hosts: readonly FleetHost[]): Promise<ComplianceDeps> {
  const catalog = new CatalogStore(db);
  await catalog.registerFeed({ name: 'fixture', source: 'fixture', url: 'x', maxAgeMs: 1 });
  const release = (version: string, at: string) => ({
    ...{ product: 'macos', track: '15', version, build: null, releasedAt: at },
    ...{ cves: [], exploitedCves: [], url: null },
  });
  await catalog.recordRead(
    'fixture',
    {
      products: [{ id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' }],
      tracks: [{ product: 'macos', id: '15', name: '15' }],
      releases: [
        release('15.7.7', '2026-06-20T00:00:00.000Z'),
        release('15.7.8', new Date(RELEASED).toISOString()),
      ],
      issues: [],
      cache: [],
    },
    new Date('2026-06-21T00:00:00.000Z'),
  );
  const history = hosts.flatMap((h) => [
    { host_id: h.id, version: '15.7.7', first_observed_at: '2026-07-01T00:00:00.000Z' },
    ...(h.installDays === null
      ? []
      : [
          {
            host_id: h.id,
            version: '15.7.8',
            first_observed_at: new Date(RELEASED + h.installDays * DAY).toISOString(),
          },
        ]),
  ]);
  const rows = history.map((r) => ({
    ...r,
    ...{ product_id: 'macos', previous_version: null, source: 'fixture' },
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db.kysely
      .insertInto('version_history')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  const hostRows = hosts.map((h) => ({
    ...{ id: h.id, platform: 'macos', owner_email: h.owner, active: 1 },
    ...{ created_at: '2026-06-01T00:00:00.000Z', updated_at: '2026-06-01T00:00:00.000Z' },
    ...{ rev: 1, eval_rev: 1 },
  }));
  for (let i = 0; i < hostRows.length; i += 500) {
    await db.kysely
      .insertInto('hosts')
      .values(hostRows.slice(i, i + 500))
      .execute();
  }
  return { db, catalog, policies: { default: DEFAULT_POLICY, products: {} } };
}

