import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random/seeded-random.js';
import { DIALECTS, type TestDb } from '../../test/dialects.js';
import {
  fleet as groupFleet,
  GROUPS_NOW as NOW,
  seedGroupFleet,
  type FleetHost,
} from './__fixtures__/tti-groups.js';
import type { ComplianceDeps } from './service.js';
import { computeTtiWithGroups, without } from './tti-compare-report.js';
import { computeTtiReportUnshared } from './tti-report.js';

const isControl = (email: string): boolean => email.startsWith('control-');
const fleet = (hosts: number, reminded: number, control: number, seed: number): FleetHost[] =>
  groupFleet(
    hosts,
    reminded,
    control,
    seed,
    (i) => (i % 5 === 0 ? `control-${i}@example.com` : `p${i}@example.com`),
    isControl,
  );

describe.each(DIALECTS)('TTI of reminded against control hosts on $name', ({ open }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function deps(hosts: readonly FleetHost[]): Promise<ComplianceDeps> {
    const t: TestDb = await open();
    cleanups.push(() => t.cleanup());
    return seedGroupFleet(t.db, hosts);
  }

  it('shows that reminded hosts install faster, with an interval that excludes 0', async () => {
    const hosts = fleet(1_500, 2, 7, 1);
    const d = await deps(hosts);
    const res = await computeTtiWithGroups(d, NOW, ['macos'], { isControl, pageRows: 200 });
    // The figures are the plain report's, whatever the grouping.
    expect(res.stats).toEqual(await computeTtiReportUnshared(d, NOW, ['macos']));
    const latest = res.stats.find((s) => s.version === '15.7.8');
    if (!latest) throw new Error('no 15.7.8 figures');
    const cmp = await res.compare(latest, seededRandom(3));
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
    const cmp = await res.compare(latest, seededRandom(3));
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
