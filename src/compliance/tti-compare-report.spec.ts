import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../sandbox/seeded-random.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import { CatalogStore } from '../catalog/store.js';
import type { Db } from '../platform/db/db.js';
import { DEFAULT_POLICY } from './policy.js';
import type { ComplianceDeps } from './service.js';
import { computeTtiWithGroups, without } from './tti-compare-report.js';
import { computeTtiReportUnshared } from './tti-report.js';

const NOW = new Date('2026-09-01T00:00:00.000Z');
const RELEASED = Date.parse('2026-08-01T00:00:00.000Z');
const DAY = 86_400_000;

interface FleetHost {
  readonly id: string;
  readonly owner: string | null;
  /** Days after the release it installed; null: still waiting at NOW. */
  readonly installDays: number | null;
}

/**
 * A simulated fleet: `hosts` Macs on 15.7.7 when 15.7.8 comes out; each installs after an
 * exponential time with the mean of its group (control: owners named control-*), unless that
 * is past NOW. Every tenth host has no owner (nobody to remind).
 */
function fleet(
  hosts: number,
  remindedMean: number,
  controlMean: number,
  seed: number,
): FleetHost[] {
  const random = seededRandom(seed);
  return Array.from({ length: hosts }, (_, i) => {
    const owner =
      i % 10 === 9 ? null : i % 5 === 0 ? `control-${i}@example.com` : `p${i}@example.com`;
    const mean = owner?.startsWith('control-') ? controlMean : remindedMean;
    const t = -mean * Math.log(1 - random());
    return { id: `h${String(i).padStart(5, '0')}`, owner, installDays: t < 31 ? t : null };
  });
}

async function seed(db: Db, hosts: readonly FleetHost[]): Promise<ComplianceDeps> {
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

const isControl = (email: string): boolean => email.startsWith('control-');

describe.each(DIALECTS)('TTI of reminded against control hosts on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function deps(hosts: readonly FleetHost[]): Promise<ComplianceDeps> {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    return seed(t.db, hosts);
  }

  it('shows that reminded hosts install faster, with an interval that excludes 0', async () => {
    const hosts = fleet(1_500, 2, 7, 1);
    const d = await deps(hosts);
    const res = await computeTtiWithGroups(d, NOW, ['macos'], { isControl, pageRows: 200 });
    // The figures are the plain report's, whatever the grouping.
    expect(res.stats).toEqual(await computeTtiReportUnshared(d, NOW, ['macos']));
    const latest = res.stats.find((s) => s.version === '15.7.8');
    if (!latest) throw new Error('no 15.7.8 figures');
    const cmp = res.compare(latest, seededRandom(3));
    // Groups by owner at report time: every fifth host is control, every tenth has no owner.
    const owned = hosts.filter((h) => h.owner !== null);
    expect(cmp.control.hosts).toBe(owned.filter((h) => isControl(h.owner ?? '')).length);
    expect(cmp.reminded.hosts).toBe(owned.filter((h) => !isControl(h.owner ?? '')).length);
    expect(cmp.reminded.installed).toBe(
      owned.filter((h) => !isControl(h.owner ?? '') && h.installDays !== null).length,
    );
    expect(cmp.verdict).toBe('reminded-faster');
    expect(cmp.interval?.low).toBeGreaterThan(0);
    expect(cmp.summary).toMatch(/^reminded hosts install faster: median 1\.\d d vs [45]\.\d d/);
  });

  it('finds no difference when both groups install alike', async () => {
    const d = await deps(fleet(1_500, 4, 4, 2));
    const res = await computeTtiWithGroups(d, NOW, ['macos'], { isControl });
    const latest = res.stats.find((s) => s.version === '15.7.8');
    if (!latest) throw new Error('no 15.7.8 figures');
    const cmp = res.compare(latest, seededRandom(3));
    expect(cmp.verdict).toBe('no-difference');
    expect(cmp.interval?.low).toBeLessThan(0);
    expect(cmp.interval?.high).toBeGreaterThan(0);
  });
});

describe('without', () => {
  it.each([
    [[3, 1, 2, 2], [[2]], [1, 2, 3]],
    [[3, 1, 2, 2], [[2], [2, 3]], [1]],
    [[0.1, 0.2], [], [0.1, 0.2]],
  ])('%j less %j is %j', (all, parts, out) => {
    expect(without(all, parts)).toEqual(out);
  });
});
