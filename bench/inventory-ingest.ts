/**
 * Inventory ingest benchmark: N hosts x M apps from in-memory pages through the real merge path
 * (syncInventory -> InventoryStore), on SQLite and, when a URL is given, PostgreSQL.
 *
 * Three scenarios run one after the other on one database: a first sync (every host new), a
 * second sync with nothing changed, and a sync where 1% of hosts report a new Chrome version.
 * Each is compared with a baseline measured in the same run on a fresh database of the same
 * schema: a plain batched INSERT of exactly the rows a first sync must write (hosts,
 * host_sources, host_versions, version_history), a page per transaction, as few multi-row
 * statements as the parameter limit allows. It runs page by page alongside the first sync (its
 * time kept apart), so a busy machine slows both alike. That is the floor of a first sync; the
 * resyncs should cost well under it, since they write almost nothing.
 *
 *   npm run bench -- --hosts 100000 --apps 30
 *   PATCHBAY_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { compileAppMap, productVersions } from '../src/inventory/app-map.js';
import type { InventoryConnector, InventoryPage } from '../src/inventory/connectors/types.js';
import type { HostRecord, InstalledApp } from '../src/inventory/model.js';
import { InventoryStore } from '../src/inventory/store.js';
import { syncInventory, type SourceSyncResult } from '../src/inventory/sync.js';
import { openDatabase, type Db } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
import type { Database } from '../src/platform/db/schema.js';
import { insertRows } from '../src/platform/db/upsert.js';
import { HttpClient } from '../src/platform/http-client/http-client.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '100000' },
    apps: { type: 'string', default: '30' },
    page: { type: 'string', default: '500' },
  },
});
const HOSTS = Number(values.hosts);
const APPS = Number(values.apps);
const PAGE = Number(values.page);
const WATCHED = [
  'com.google.Chrome',
  'org.mozilla.firefox',
  'com.microsoft.edgemac',
  'us.zoom.xos',
  'com.tinyspeck.slackmacgap',
];
const appMap = compileAppMap();
const LAST_SEEN = '2026-11-01T00:00:00.000Z';
const DAY = 86_400_000;
const T0 = new Date('2026-11-02T00:00:00Z');

function hostAt(i: number, chromeBump = 0): HostRecord {
  const apps: InstalledApp[] = [];
  for (let a = 0; a < APPS; a++) {
    const key = a < WATCHED.length ? (WATCHED[a] as string) : `com.example.app${a}`;
    const major = 100 + (i % 7) + (a === 0 ? chromeBump : 0);
    apps.push({ kind: 'bundle-id', key, name: null, version: `${major}.0.${a}.${i % 13}` });
  }
  return {
    source: 'bench',
    sourceId: String(i),
    serial: `C02${String(i).padStart(9, '0')}`,
    name: `mac-${i}`,
    platform: 'macos',
    osVersion: `15.${i % 8}`,
    osBuild: null,
    lastSeenAt: LAST_SEEN,
    owner: { email: `person${i % 3000}@example.com`, name: null },
    apps,
  };
}

/** Pages are built before timing starts, so the figure is the ingest, not the generator. */
function buildPages(changed: (i: number) => boolean = () => false): InventoryPage[] {
  const pages: InventoryPage[] = [];
  for (let start = 0; start < HOSTS; start += PAGE) {
    const hosts: HostRecord[] = [];
    for (let i = start; i < Math.min(HOSTS, start + PAGE); i++)
      hosts.push(hostAt(i, changed(i) ? 1 : 0));
    pages.push({ hosts, issues: [] });
  }
  return pages;
}

/** The rows a first sync of one page writes, as plain inserts. */
async function insertPlain(db: Db, page: InventoryPage, at: string): Promise<void> {
  const hosts: Insertable<Database['hosts']>[] = [];
  const sources: Insertable<Database['host_sources']>[] = [];
  const versions: Insertable<Database['host_versions']>[] = [];
  const history: Insertable<Database['version_history']>[] = [];
  for (const r of page.hosts) {
    const id = randomUUID();
    const owner = r.owner?.email ?? null;
    hosts.push({
      id,
      serial: r.serial,
      name: r.name,
      platform: r.platform,
      os_version: r.osVersion,
      os_build: r.osBuild,
      last_seen_at: r.lastSeenAt,
      owner_email: owner,
      owner_name: null,
      owner_source: owner ? r.source : null,
      active: 1,
      created_at: at,
      updated_at: at,
      rev: 1,
      eval_rev: 0,
    });
    sources.push({
      source: r.source,
      source_id: r.sourceId,
      host_id: id,
      serial: r.serial,
      name: r.name,
      platform: r.platform,
      os_version: r.osVersion,
      os_build: r.osBuild,
      last_seen_at: r.lastSeenAt,
      owner_email: owner,
      owner_name: null,
      synced_at: at,
    });
    const seen = r.lastSeenAt ?? at;
    for (const { product, version } of productVersions(r.platform, r.osVersion, r.apps, appMap)) {
      const v = { host_id: id, product_id: product, version, source: r.source };
      versions.push({ ...v, source_seen_at: seen, first_observed_at: seen });
      history.push({ ...v, previous_version: null, first_observed_at: seen });
    }
  }
  await db.kysely.transaction().execute(async (trx) => {
    await insertRows(trx, 'hosts', hosts);
    await insertRows(trx, 'host_sources', sources);
    await insertRows(trx, 'host_versions', versions);
    await insertRows(trx, 'version_history', history);
  });
}

/**
 * Sync the pages; when `alongside` is given, run it before each page and keep its time apart,
 * so the baseline and the ingest share the machine's load page by page.
 */
async function ingest(
  db: Db,
  pages: readonly InventoryPage[],
  now: Date,
  alongside?: (page: InventoryPage) => Promise<void>,
): Promise<{ ms: number; alongsideMs: number; result: SourceSyncResult }> {
  let alongsideMs = 0;
  const connector: InventoryConnector = {
    id: 'bench',
    async *read() {
      for (const p of pages) {
        if (alongside) {
          const t = performance.now();
          await alongside(p);
          alongsideMs += performance.now() - t;
        }
        yield p;
      }
    },
  };
  const started = performance.now();
  const summary = await syncInventory(
    {
      store: new InventoryStore(db),
      http: new HttpClient({ timeoutMs: 1000, userAgent: 'bench' }),
      log: pino({ level: 'silent' }),
      now: () => now,
      appMap,
      ownerPrecedence: ['bench'],
      inactiveAfterMs: 30 * DAY,
    },
    [{ connector, settings: {} }],
  );
  const ms = performance.now() - started - alongsideMs;
  const result = summary.sources[0];
  if (!result || result.outcome !== 'ok') throw new Error(`sync failed: ${result?.error?.message}`);
  return { ms, alongsideMs, result };
}

interface Scenario {
  readonly name: string;
  readonly pages: () => InventoryPage[];
  /** What the sync must report, so a fast wrong answer cannot pass. */
  readonly expect: Partial<Record<'hostsNew' | 'hostsChanged' | 'versionChanges', number>>;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'first sync',
    pages: () => buildPages(),
    expect: { hostsNew: HOSTS, versionChanges: HOSTS * (1 + WATCHED.length) },
  },
  {
    name: 'unchanged',
    pages: () => buildPages(),
    expect: { hostsNew: 0, hostsChanged: 0, versionChanges: 0 },
  },
  {
    name: '1% changed',
    pages: () => buildPages((i) => i % 100 === 0),
    expect: {
      hostsNew: 0,
      hostsChanged: Math.ceil(HOSTS / 100),
      versionChanges: Math.ceil(HOSTS / 100),
    },
  },
];

async function run(label: string, open: (name: string) => Promise<Db>): Promise<void> {
  const base = await open('base');
  const db = await open('ingest');
  let baseMs = 0;
  for (const [n, s] of SCENARIOS.entries()) {
    const pages = s.pages();
    const at = T0.toISOString();
    const { ms, alongsideMs, result } = await ingest(
      db,
      pages,
      new Date(T0.getTime() + n * DAY),
      n === 0 ? (p) => insertPlain(base, p, at) : undefined,
    );
    if (n === 0) baseMs = alongsideMs;
    for (const [key, want] of Object.entries(s.expect)) {
      const got = result[key as keyof typeof s.expect];
      if (got !== want) throw new Error(`${s.name}: expected ${key} ${want}, got ${got}`);
    }
    console.log(
      `${label.padEnd(8)} ${s.name.padEnd(10)} ${HOSTS} hosts x ${APPS} apps: ` +
        `${String(Math.round((HOSTS / ms) * 1000)).padStart(7)} hosts/s ${(ms / 1000).toFixed(2).padStart(6)} s; ` +
        `baseline ${(baseMs / 1000).toFixed(2)} s; ${(ms / baseMs).toFixed(2)}x the baseline ` +
        `(${result.hostsNew} new, ${result.hostsChanged} changed, ${result.versionChanges} version changes)`,
    );
  }
  await base.close();
  await db.close();
}

console.log(
  `baseline: plain batched INSERT of a first sync's rows (hosts, host_sources, host_versions, ` +
    `version_history), ${PAGE} hosts per transaction, into a fresh database of the same ` +
    `schema, page by page alongside the first sync; every scenario is compared with it`,
);
const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-'));
try {
  await run('sqlite', async (name) => {
    const db = openDatabase(`sqlite:${join(dir, `${name}.db`)}`);
    await migrate(db);
    return db;
  });
  const pgUrl = process.env.PATCHBAY_BENCH_POSTGRES_URL ?? process.env.PATCHBAY_TEST_POSTGRES_URL;
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const schemas: string[] = [];
    try {
      await run('postgres', async (name) => {
        const schema = `pb_bench_${process.pid}_${name}`;
        schemas.push(schema);
        await admin.query(`create schema ${schema}`);
        const db = openDatabase(pgUrl, { pgSchema: schema });
        await migrate(db);
        return db;
      });
    } finally {
      for (const s of schemas) await admin.query(`drop schema ${s} cascade`);
      await admin.end();
    }
  } else {
    console.log(
      'postgres skipped: set PATCHBAY_BENCH_POSTGRES_URL (or PATCHBAY_TEST_POSTGRES_URL)',
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
