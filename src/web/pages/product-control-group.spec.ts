import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random/seeded-random.js';
import { fleet, GROUPS_NOW, seedGroupFleet } from '../../compliance/__fixtures__/tti-groups.js';
import { ttiStat } from '../../compliance/__fixtures__/tti-stat.js';
import { compareTti } from '../../compliance/tti-compare.js';
import { createContext } from '../../context.js';
import { loadConfig } from '../../platform/config/load.js';
import { optionTable } from '../../platform/config/load-from-disk.js';
import { openDatabase } from '../../platform/db/db.js';
import { migrate } from '../../platform/db/migrate.js';
import { DEFAULT_CONTROL_GROUP_SALT, inControlGroup } from '../../reminders/control-group.js';
import { loadProduct } from './product-data.js';
import { controlGroupCard } from './product-tti-view.js';

const log = pino({ level: 'silent' });

describe('the product page control-group card', () => {
  it('says how to turn the control group on while it is off', () => {
    const markup = controlGroupCard(null).toString();
    expect(markup).toContain('Reminders control group is off');
    expect(markup).toContain('reminders.controlGroup');
  });

  it('shows each group, the days saved with the interval, and the verdict', () => {
    const comparison = compareTti(
      { installedDays: [1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8], censoredDays: [30] },
      { installedDays: [1, 2, 3, 4, 5], censoredDays: [30, 30] },
      { random: seededRandom(1) },
    );
    const markup = controlGroupCard({
      share: 0.05,
      releases: [{ stats: ttiStat({ version: '26.6.2' }), comparison }],
    }).toString();
    expect(markup).toContain('data-verdict="too-small"');
    expect(markup).toContain('12 / 13');
    expect(markup).toContain('5 / 7');
    expect(markup).toContain('too small to tell: control has 5 hosts who installed');
    expect(markup).toContain('5% of people are in the reminders control group');
  });

  it('words the rule the verdict follows, the log-rank test alone without an interval', () => {
    // Under half the control group installed: no days saved, yet the curves clearly differ.
    const comparison = compareTti(
      { installedDays: Array.from({ length: 40 }, (_, i) => 1 + (i % 4)), censoredDays: [] },
      {
        installedDays: Array.from({ length: 12 }, (_, i) => 5 + i),
        censoredDays: Array.from({ length: 28 }, () => 30),
      },
      { random: seededRandom(1) },
    );
    expect(comparison.differenceDays).toBeNull();
    expect(comparison.verdict).toBe('reminded-faster');
    const text = controlGroupCard({
      share: 0.05,
      releases: [{ stats: ttiStat({ version: '26.6.2' }), comparison }],
    })
      .toString()
      .replace(/\s+/g, ' ');
    expect(text).toContain('data-verdict="reminded-faster"');
    expect(text).toContain(
      'without an interval (typically a group that has not reached its median yet), when the log-rank p alone is below 0.05',
    );
  });
});

describe('loadProduct with the control group on', () => {
  let dir: string;
  let url: string;
  const cleanups: (() => Promise<void>)[] = [];
  const isControl = (e: string): boolean => inControlGroup(e, 0.2, DEFAULT_CONTROL_GROUP_SALT);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-product-groups-'));
    url = `sqlite:${join(dir, 'pb.db')}`;
    const db = openDatabase(url);
    await migrate(db);
    await seedGroupFleet(
      db,
      fleet(1_500, 2, 7, 5, (i) => `person${i}@example.com`, isControl),
    );
    await db.close();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  async function product(share: string) {
    const env = {
      PATCHBAY_DATABASE__URL: url,
      PATCHBAY_LOG__LEVEL: 'silent',
      PATCHBAY_REMINDERS__CONTROL_GROUP: share,
    };
    const loaded = loadConfig(optionTable(), { text: null, path: null, env, readFile: () => '' });
    const ctx = await createContext(loaded, { now: () => GROUPS_NOW, log });
    cleanups.push(() => ctx.close());
    return loadProduct(ctx, 'macos', GROUPS_NOW);
  }

  it('compares the newest release of each track, with the same figures as when off', async () => {
    const on = await product('0.2');
    const off = await product('0');
    expect(off?.controlGroup).toBeNull();
    expect(on?.tti).toEqual(off?.tti);
    const releases = on?.controlGroup?.releases ?? [];
    expect(releases.map((r) => r.stats.version)).toEqual(['15.7.8']);
    expect(releases[0]?.comparison.verdict).toBe('reminded-faster');
    expect(on?.controlGroup?.share).toBe(0.2);
  });
});
