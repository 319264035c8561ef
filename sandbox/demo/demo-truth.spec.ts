import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogEntry } from '../../src/catalog/catalog.js';
import { feedStaleness } from '../../src/catalog/staleness.js';
import { compareVersions } from '../../src/catalog/versions/api.js';
import type { Io } from '../../src/cli/output.js';
import { capturedAt } from '../feeds/captures.js';
import { DEMO_NOW, runDemo, type DemoRun } from './run-demo.js';
import { stateAt } from './stand-in-hosts.js';

/**
 * What the demo shows must be true on its own clock: a feed is fresh only when its capture is
 * recent enough, and no computer runs a version its feed has not released yet.
 */
describe('the demo tells the truth on its clock', () => {
  let dir: string;
  let run: DemoRun;
  let entries: CatalogEntry[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-truth-'));
    const io: Io = { out: () => undefined, err: () => undefined, isTty: false, env: {} };
    run = await runDemo(io, { dbPath: join(dir, 'demo.db'), hosts: 80, people: 50, seed: 11 });
    entries = buildCatalog(await run.ctx.catalog.loadCatalogInput(), DEMO_NOW, compareVersions);
  }, 120_000);
  afterAll(async () => {
    await run.ctx.close();
    await run.world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records every feed as read when its capture was taken, never later', async () => {
    const { feeds } = await run.ctx.catalog.loadCatalogInput();
    expect(feeds.length).toBeGreaterThan(0);
    const read = feeds.filter((f) => f.lastSuccessAt !== null);
    expect(read.map((f) => f.name)).toEqual(
      expect.arrayContaining(['chrome', 'sofa-macos', 'firefox', 'edge']),
    );
    for (const f of read)
      expect([f.name, f.lastSuccessAt]).toEqual([f.name, capturedAt(f.name).toISOString()]);
  });

  it('marks a feed fresh only when its capture is younger than its max age', async () => {
    const { feeds, releases } = await run.ctx.catalog.loadCatalogInput();
    for (const f of feeds.filter((x) => x.lastSuccessAt !== null)) {
      const age = DEMO_NOW.getTime() - capturedAt(f.name).getTime();
      expect([f.name, feedStaleness(f, DEMO_NOW).stale]).toEqual([f.name, age > f.maxAgeMs]);
      // A capture cannot hold a release from after it was taken.
      const newest = releases
        .filter((r) => r.feed === f.name && r.releasedAt)
        .map((r) => Date.parse(r.releasedAt as string));
      if (newest.length)
        expect(Math.max(...newest)).toBeLessThanOrEqual(capturedAt(f.name).getTime() + 86_400_000);
    }
    // The Firefox (2023) and Edge (2024) samples are stale; the Chrome capture of the day is not.
    const stale = new Map(feeds.map((f) => [f.name, feedStaleness(f, DEMO_NOW).stale]));
    expect(Object.fromEntries(stale)).toMatchObject({ firefox: true, edge: true, chrome: false });
  });

  it('says in its summary which feeds are stale and why', () => {
    const stale = run.summary.staleFeeds.join('\n');
    expect(stale).toMatch(/feed firefox last synced \d+ days ago/);
    expect(stale).toMatch(/feed sofa-macos last synced 28 days ago \(max age 48h\)/);
    expect(stale).not.toContain('feed chrome ');
  });

  it('shows no product track as current while its feed is stale', () => {
    for (const e of entries.filter((x) => x.product === 'firefox' || x.product === 'edge'))
      expect([e.product, e.track, e.stale]).toEqual([e.product, e.track, true]);
  });

  it('has no computer on a version newer than the latest its feed has released', () => {
    const latest = (product: string, track: string): string | undefined =>
      entries.find((e) => e.product === product && e.track === track)?.version;
    let checked = 0;
    for (const h of run.hosts) {
      const s = stateAt(h, run.catalog, DEMO_NOW);
      const pairs: [string, string, string][] = [['chrome', 'stable', s.chrome]];
      if (s.macos && h.macTrack) pairs.push(['macos', h.macTrack, s.macos.version]);
      for (const [product, track, installed] of pairs) {
        const max = latest(product, track);
        expect(max, `${product} ${track} in the catalog`).toBeDefined();
        const cmp = compareVersions(
          product === 'macos' ? 'apple-os' : 'chrome',
          installed,
          max as string,
        );
        expect([h.name, product, installed, cmp! <= 0]).toEqual([h.name, product, installed, true]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });
});
