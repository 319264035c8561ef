/**
 * Inventory ingest benchmark: N hosts x M apps from in-memory pages through the real merge path
 * (syncInventory -> InventoryStore), on SQLite and, when a URL is given, PostgreSQL.
 * Prints hosts per second and the ratio to a baseline measured in the same run on the same
 * database: a plain batched INSERT of one row per host (the floor cost of touching every host).
 *
 *   npm run bench -- --hosts 100000 --apps 30
 *   PATCHBAY_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { compileAppMap } from '../src/inventory/app-map.js';
import type { InventoryConnector, InventoryPage } from '../src/inventory/connectors/types.js';
import type { HostRecord, InstalledApp } from '../src/inventory/model.js';
import { InventoryStore } from '../src/inventory/store.js';
import { syncInventory } from '../src/inventory/sync.js';
import { openDatabase, type Db } from '../src/platform/db/db.js';
import { migrate } from '../src/platform/db/migrate.js';
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

function hostAt(i: number): HostRecord {
  const apps: InstalledApp[] = [];
  for (let a = 0; a < APPS; a++) {
    const key = a < WATCHED.length ? (WATCHED[a] as string) : `com.example.app${a}`;
    apps.push({ kind: 'bundle-id', key, name: null, version: `${100 + (i % 7)}.0.${a}.${i % 13}` });
  }
  return {
    source: 'bench',
    sourceId: String(i),
    serial: `C02${String(i).padStart(9, '0')}`,
    name: `mac-${i}`,
    platform: 'macos',
    osVersion: `15.${i % 8}`,
    osBuild: null,
    lastSeenAt: '2026-11-01T00:00:00.000Z',
    owner: { email: `person${i % 3000}@example.com`, name: null },
    apps,
  };
}

/** Pages are built before timing starts, so the figure is the ingest, not the generator. */
function buildPages(): InventoryPage[] {
  const pages: InventoryPage[] = [];
  for (let start = 0; start < HOSTS; start += PAGE) {
    const hosts: HostRecord[] = [];
    for (let i = start; i < Math.min(HOSTS, start + PAGE); i++) hosts.push(hostAt(i));
    pages.push({ hosts, issues: [] });
  }
  return pages;
}

async function baseline(db: Db): Promise<number> {
  await sql`create table bench_baseline (id varchar(64) primary key, serial varchar(200), name text, os_version varchar(100))`.execute(
    db.kysely,
  );
  const started = performance.now();
  for (let start = 0; start < HOSTS; start += PAGE) {
    const rows = [];
    for (let i = start; i < Math.min(HOSTS, start + PAGE); i++)
      rows.push(sql`(${String(i)}, ${`C02${i}`}, ${`mac-${i}`}, ${'15.1'})`);
    await sql`insert into bench_baseline (id, serial, name, os_version) values ${sql.join(rows)}`.execute(
      db.kysely,
    );
  }
  return performance.now() - started;
}

async function ingest(db: Db, pages: InventoryPage[]): Promise<number> {
  const connector: InventoryConnector = {
    id: 'bench',
    async *read() {
      for (const p of pages) yield await Promise.resolve(p);
    },
  };
  const started = performance.now();
  const summary = await syncInventory(
    {
      store: new InventoryStore(db),
      http: new HttpClient({ timeoutMs: 1000, userAgent: 'bench' }),
      log: pino({ level: 'silent' }),
      now: () => new Date('2026-11-02T00:00:00Z'),
      appMap: compileAppMap(),
      ownerPrecedence: ['bench'],
      inactiveAfterMs: 30 * 86_400_000,
    },
    [{ connector, settings: {} }],
  );
  const ms = performance.now() - started;
  if (summary.sources[0]?.hostsNew !== HOSTS)
    throw new Error(`expected ${HOSTS} new hosts, got ${summary.sources[0]?.hostsNew}`);
  return ms;
}

async function run(label: string, db: Db, pages: InventoryPage[]): Promise<void> {
  await migrate(db);
  const base = await baseline(db);
  const ms = await ingest(db, pages);
  const rate = (HOSTS / ms) * 1000;
  console.log(
    `${label.padEnd(10)} ${HOSTS} hosts x ${APPS} apps: ${Math.round(rate)} hosts/s (${(ms / 1000).toFixed(1)} s); ` +
      `baseline plain insert ${Math.round((HOSTS / base) * 1000)} rows/s; ingest costs ${(ms / base).toFixed(1)}x the baseline`,
  );
}

const pages = buildPages();
const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-'));
try {
  const sqlite = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  await run('sqlite', sqlite, pages);
  await sqlite.close();
  const pgUrl = process.env.PATCHBAY_BENCH_POSTGRES_URL ?? process.env.PATCHBAY_TEST_POSTGRES_URL;
  if (pgUrl) {
    const schema = `pb_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const pgDb = openDatabase(pgUrl, { pgSchema: schema });
      await run('postgres', pgDb, pages);
      await pgDb.close();
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } else {
    console.log(
      'postgres   skipped: set PATCHBAY_BENCH_POSTGRES_URL (or PATCHBAY_TEST_POSTGRES_URL)',
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
