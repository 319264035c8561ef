/**
 * Time-to-install benchmark: a version history of N hosts over one product (macOS, 20 releases
 * in three tracks, 3-6 observations per host), in an SQLite file and, when a URL is given,
 * PostgreSQL. Prints the time of computeTtiReport (keyset pages, one walk per host), of the old
 * algorithm (the whole history loaded, every host scanned for every release; by default only up
 * to 10,000 hosts, `--old` to force it), and of a baseline measured in the same run on the same
 * database: a plain SELECT of the same history rows. Also the longest event-loop stall during
 * each computation (perf_hooks.monitorEventLoopDelay max). Then the same report with the
 * reminders control group on (`--control`, default 0.05 of owners; every tenth host has no
 * owner): the single pass tagging hosts by group, and that plus the comparison (log-rank and
 * bootstrap) of the newest release of each track, as `report --tti` runs it.
 *
 *   npm run bench:tti -- --hosts 100000 [--control 0.05]
 *   PATCHBAY_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:tti
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import type { Release } from '../src/catalog/model.js';
import { CatalogStore } from '../src/catalog/store.js';
import { referenceTti } from '../src/compliance/__fixtures__/tti-reference.js';
import { loadHistory } from '../src/compliance/inputs.js';
import type { TtiStats } from '../src/compliance/model.js';
import { DEFAULT_POLICY } from '../src/compliance/policy.js';
import type { ComplianceDeps } from '../src/compliance/service.js';
import { HISTORY_PAGE_ROWS } from '../src/compliance/tti-history.js';
import type { TtiComparison } from '../src/compliance/tti-compare.js';
import { computeTtiWithGroups } from '../src/compliance/tti-compare-report.js';
import { computeTtiReportUnshared, latestPerTrack } from '../src/compliance/tti-report.js';
import { DEFAULT_CONTROL_GROUP_SALT, inControlGroup } from '../src/reminders/control-group.js';
import { seededRandom } from '../src/platform/random/seeded-random.js';
import { openDatabase, type Db } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '10000' },
    old: { type: 'boolean', default: false },
    page: { type: 'string', default: String(HISTORY_PAGE_ROWS) },
    control: { type: 'string', default: '0.05' },
  },
});
const HOSTS = Number(values.hosts);
const RUN_OLD = values.old || HOSTS <= 10_000;
const PAGE_ROWS = Number(values.page);
const CONTROL_SHARE = Number(values.control);
const ownerOf = (h: number): string | null => (h % 10 === 9 ? null : `person-${h}@example.com`);
const NOW = new Date('2026-09-01T00:00:00.000Z');
const DAY = 86_400_000;

/** Three tracks, 20 releases, dated from January to August; a 14.x host never leaves 14. */
const TRACKS: Record<string, string[]> = {
  '14': ['14.8', '14.8.1', '14.8.2', '14.8.3', '14.8.4', '14.8.5'],
  '15': ['15.6', '15.6.1', '15.7', '15.7.1', '15.7.2', '15.7.3', '15.7.4'],
  '26': ['26.0', '26.0.1', '26.1', '26.2', '26.3', '26.4', '26.5'],
};
const RELEASES: Release[] = Object.entries(TRACKS).flatMap(([track, versions]) =>
  versions.map((version, i) => ({
    product: 'macos',
    track,
    version,
    build: null,
    releasedAt: new Date(Date.parse('2026-01-05T00:00:00Z') + i * 33 * DAY).toISOString(),
    cves: [],
    exploitedCves: [],
    url: null,
  })),
);

interface Row {
  host_id: string;
  product_id: string;
  version: string;
  previous_version: string | null;
  source: string;
  first_observed_at: string;
}

/** Each host starts on an early release of a track and climbs it (sometimes to 26) in 3-6 steps. */
function history(): Row[] {
  const random = seededRandom(2026);
  const rows: Row[] = [];
  const tracks = Object.values(TRACKS);
  for (let h = 0; h < HOSTS; h++) {
    const host_id = `host-${String(h).padStart(7, '0')}`;
    let line = tracks[h % tracks.length] as string[];
    let step = Math.floor(random() * 2);
    let at = Date.parse('2025-12-01T00:00:00Z') + Math.floor(random() * 40) * DAY;
    const count = 3 + Math.floor(random() * 4);
    for (let e = 0; e < count; e++) {
      let version = line[Math.min(step, line.length - 1)] as string;
      if (random() < 0.03) version = `${version}.x`; // an unreadable report
      rows.push({
        host_id,
        product_id: 'macos',
        version,
        previous_version: null,
        source: 'bench',
        first_observed_at: new Date(at).toISOString(),
      });
      at += (10 + Math.floor(random() * 50)) * DAY + Math.floor(random() * 24) * 3_600_000;
      step += 1 + Math.floor(random() * 2);
      if (step >= line.length && line !== tracks[2] && random() < 0.3) {
        line = tracks[2] as string[];
        step = 0;
      }
    }
  }
  return rows;
}

async function load(db: Db, rows: readonly Row[]): Promise<ComplianceDeps> {
  await migrate(db);
  const catalog = new CatalogStore(db);
  await catalog.registerFeed({ name: 'bench', source: 'bench', url: 'x', maxAgeMs: DAY });
  await catalog.recordRead(
    'bench',
    {
      products: [{ id: 'macos', name: 'macOS', platform: 'macos', scheme: 'apple-os' }],
      tracks: Object.keys(TRACKS).map((id) => ({ product: 'macos', id, name: `macOS ${id}` })),
      releases: RELEASES,
      issues: [],
      cache: [],
    },
    new Date('2026-01-01T00:00:00Z'),
  );
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('version_history')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
    // Owners, for the control-group comparison (the plain report never reads them).
    for (let h = 0; h < HOSTS; h += 1000) {
      const hosts = [];
      for (let k = h; k < Math.min(HOSTS, h + 1000); k++) {
        hosts.push({
          ...{
            id: `host-${String(k).padStart(7, '0')}`,
            platform: 'macos',
            owner_email: ownerOf(k),
          },
          ...{ active: 1, created_at: '2025-12-01T00:00:00.000Z' },
          ...{ updated_at: '2025-12-01T00:00:00.000Z', rev: 1, eval_rev: 1 },
        });
      }
      await trx.insertInto('hosts').values(hosts).execute();
    }
  });
  // Statistics, as autovacuum (PostgreSQL) or a long-lived database would have them: right
  // after a bulk load PostgreSQL guesses a handful of rows and sorts instead of using the index.
  await sql`analyze`.execute(db.kysely);
  return { db, catalog, policies: { default: DEFAULT_POLICY, products: {} } };
}

interface Timed<T> {
  readonly ms: number;
  /** The longest the event loop waited while this ran. */
  readonly stallMs: number;
  /** CPU time of the process (all threads, GC included): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly value: T;
}

async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // A timer keeps the loop turning, so a stall shows even when nothing else is queued; and the
  // monitor drops its first sample, so it must have ticked before the work starts.
  const tick = setInterval(() => undefined, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const value = await fn();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    // Let the monitor see the last stretch before reading it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { ms, stallMs: delay.max / 1e6, cpuMs, value };
  } finally {
    clearInterval(tick);
    delay.disable();
  }
}

/** The old computeTtiReport: the whole history in memory, every host for every release. */
async function oldReport(deps: ComplianceDeps): Promise<TtiStats[]> {
  const catalog = await deps.catalog.loadCatalogInput();
  const releases = catalog.releases.filter((r) => r.product === 'macos');
  const history = await loadHistory(deps.db, 'macos');
  return referenceTti({ releases, scheme: 'apple-os', history, now: NOW });
}

async function run(label: string, db: Db, rows: readonly Row[]): Promise<void> {
  const deps = await load(db, rows);
  // Only the count is kept: holding 450,000 rows would slow the runs after it with GC.
  const base = await timed(async () => {
    const all = await db.kysely
      .selectFrom('version_history')
      .select(['id', 'host_id', 'version', 'first_observed_at'])
      .where('product_id', '=', 'macos')
      .execute();
    return all.length;
  });
  const fresh = await timed(() =>
    computeTtiReportUnshared(deps, NOW, ['macos'], { pageRows: PAGE_ROWS }),
  );
  const line = (name: string, t: Timed<unknown>): string =>
    `  ${name.padEnd(34)} ${t.ms.toFixed(0).padStart(6)} ms wall ${(t.ms / base.ms).toFixed(1).padStart(5)}x | ` +
    `${t.cpuMs.toFixed(0).padStart(6)} ms cpu ${(t.cpuMs / base.cpuMs).toFixed(1).padStart(5)}x baseline | ` +
    `longest stall ${t.stallMs.toFixed(0)} ms`;
  console.log(`${label}: ${HOSTS} hosts, ${rows.length} history rows, ${RELEASES.length} releases`);
  console.log(line('baseline: plain SELECT of the rows', base));
  console.log(line(`new computeTtiReport (pages ${PAGE_ROWS})`, fresh));
  if (RUN_OLD) {
    const old = await timed(() => oldReport(deps));
    console.log(line('old: whole history, host x release', old));
    console.log(
      `  new is ${(old.ms / fresh.ms).toFixed(1)}x faster than old (wall), ${(old.cpuMs / fresh.cpuMs).toFixed(1)}x (cpu); same figures: ${
        JSON.stringify(old.value) === JSON.stringify(fresh.value) ? 'yes' : 'NO'
      }`,
    );
  } else {
    console.log('  old: skipped above 10,000 hosts (pass --old to run it)');
  }
  const isControl = (e: string): boolean =>
    inControlGroup(e, CONTROL_SHARE, DEFAULT_CONTROL_GROUP_SALT);
  const grouped = await timed(() =>
    computeTtiWithGroups(deps, NOW, ['macos'], { isControl, pageRows: PAGE_ROWS }),
  );
  console.log(line(`control group ${CONTROL_SHARE}: tagged pass`, grouped));
  const compareWith = (pick: (all: readonly TtiStats[]) => TtiStats[]) =>
    timed(async () => {
      const g = await computeTtiWithGroups(deps, NOW, ['macos'], {
        isControl,
        pageRows: PAGE_ROWS,
      });
      const out: TtiComparison[] = [];
      for (const s of pick(g.stats)) out.push(await g.compare(s, seededRandom(1)));
      return out;
    });
  const compared = await compareWith((all) => latestPerTrack(all));
  console.log(line('  + compare newest per track', compared));
  const everyOne = await compareWith((all) => all.filter((s) => s.hostsNeeding > 0));
  console.log(line('  + compare every release (--all)', everyOne));
  const pct = (t: Timed<unknown>): string => `${((t.ms / fresh.ms - 1) * 100).toFixed(0)}%`;
  const resamples = (cs: readonly TtiComparison[]): number =>
    cs.reduce((sum, c) => sum + c.resamples, 0);
  console.log(
    `  control group adds ${pct(grouped)} (tagged pass), ${pct(compared)} (${compared.value.length} comparisons, ${resamples(compared.value)} resamples), ${pct(everyOne)} (${everyOne.value.length} comparisons, ${resamples(everyOne.value)} resamples) to the report's wall time; same figures: ${
      JSON.stringify(grouped.value.stats) === JSON.stringify(fresh.value) ? 'yes' : 'NO'
    }`,
  );
  for (const c of everyOne.value.slice(-3)) console.log(`    ${c.summary}`);
  const needing = fresh.value.reduce((sum, s) => sum + s.hostsNeeding, 0);
  console.log(`  ${fresh.value.length} releases with figures, ${needing} host-release needs`);
}

const rows = history();
const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-tti-'));
try {
  const sqlite = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  await run('sqlite', sqlite, rows);
  await sqlite.close();
  const pgUrl = process.env.PATCHBAY_BENCH_POSTGRES_URL;
  if (pgUrl) {
    const schema = `pb_bench_tti_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const pgDb = openDatabase(pgUrl, { pgSchema: schema });
      await run('postgres', pgDb, rows);
      await pgDb.close();
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } else {
    console.log('postgres: skipped (set PATCHBAY_BENCH_POSTGRES_URL)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
