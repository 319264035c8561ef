/**
 * A large fleet written straight into a Patchbay database for benchmarks: N hosts x P watched
 * products with a catalog of P products, each with a few tracks of releases. Rows go in with
 * plain batched inserts (generation is not what is measured).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { seededRandom } from '../../src/platform/random/seeded-random.js';
import { CatalogStore } from '../../src/catalog/store.js';
import type { Release } from '../../src/catalog/model.js';
import { openDatabase, type Db } from '../../src/platform/db/db.js';
import { migrate } from '../../src/platform/db/migrate.js';
import type { Database } from '../../src/platform/db/schema.js';
import { insertRows } from '../../src/platform/db/upsert.js';

export const BENCH_NOW = new Date('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;

export interface FleetSpec {
  readonly hosts: number;
  readonly products: number;
  readonly seed?: number;
}

/** Each product: 12 releases over two tracks ("stable" 20.x, "extended" 19.x). */
export function productVersions(p: number): { track: string; version: string; at: Date }[] {
  const out: { track: string; version: string; at: Date }[] = [];
  for (let r = 0; r < 8; r++)
    out.push({
      track: 'stable',
      version: `20.${r}.${p}`,
      at: new Date(BENCH_NOW.getTime() - (60 - r * 7) * DAY),
    });
  for (let r = 0; r < 4; r++)
    out.push({
      track: 'extended',
      version: `19.${r}.${p}`,
      at: new Date(BENCH_NOW.getTime() - (80 - r * 14) * DAY),
    });
  return out;
}

/** Open a fresh database: an SQLite file in a temp folder, or a new schema on PostgreSQL. */
export async function openBenchDb(
  kind: 'sqlite' | 'postgres',
  pgUrl?: string,
): Promise<{ db: Db; url: string; pgSchema?: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pb-bench-'));
    const url = `sqlite:${join(dir, 'bench.db')}`;
    const db = openDatabase(url);
    await migrate(db);
    return { db, url, drop: () => db.close() };
  }
  const schema = `pb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase(pgUrl as string, { pgSchema: schema });
  await migrate(db);
  return {
    db,
    url: pgUrl as string,
    pgSchema: schema,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** The catalog: one feed per product, fresh as of BENCH_NOW. */
export async function seedCatalog(db: Db, products: number): Promise<void> {
  const catalog = new CatalogStore(db);
  for (let p = 0; p < products; p++) {
    const feed = `bench-${p}`;
    await catalog.registerFeed({
      name: feed,
      source: 'custom',
      url: `http://feeds.invalid/${p}`,
      maxAgeMs: 30 * DAY,
    });
    const releases: Release[] = productVersions(p).map((v, i) => ({
      product: `app${p}`,
      track: v.track,
      version: v.version,
      build: null,
      releasedAt: v.at.toISOString(),
      cves: [`CVE-2026-${p}${i}`],
      exploitedCves: i % 5 === 4 ? [`CVE-2026-${p}${i}`] : [],
      url: null,
    }));
    await catalog.recordRead(
      feed,
      {
        products: [{ id: `app${p}`, name: `App ${p}`, platform: 'cross', scheme: 'dotted' }],
        tracks: [
          { product: `app${p}`, id: 'stable', name: 'Stable' },
          { product: `app${p}`, id: 'extended', name: 'Extended' },
        ],
        releases,
        issues: [],
        cache: [],
      },
      new Date(BENCH_NOW.getTime() - 3_600_000),
    );
  }
}

export function hostId(i: number): string {
  return `h${String(i).padStart(7, '0')}`;
}

/** Hosts and their installed versions; most hosts a release or two behind, some current. */
export async function seedHosts(db: Db, spec: FleetSpec): Promise<number> {
  const rnd = seededRandom(spec.seed ?? 42);
  const at = BENCH_NOW.toISOString();
  const versionsOf = Array.from({ length: spec.products }, (_, p) => productVersions(p));
  let rows = 0;
  const BATCH_HOSTS = 2000;
  for (let start = 0; start < spec.hosts; start += BATCH_HOSTS) {
    const hosts: Insertable<Database['hosts']>[] = [];
    const versions: Insertable<Database['host_versions']>[] = [];
    for (let i = start; i < Math.min(spec.hosts, start + BATCH_HOSTS); i++) {
      const id = hostId(i);
      hosts.push({
        id,
        serial: `SER${i}`,
        name: `mac-${i}`,
        platform: 'macos',
        os_version: '15.7',
        os_build: null,
        last_seen_at: at,
        owner_email: `person${i % Math.max(1, Math.floor(spec.hosts / 5))}@example.com`,
        owner_name: null,
        owner_source: 'bench',
        active: 1,
        created_at: at,
        updated_at: at,
        rev: 1,
        eval_rev: 0,
      });
      for (let p = 0; p < spec.products; p++) {
        const list = versionsOf[p] as { version: string }[];
        // Skewed towards recent releases, as a real fleet is.
        const idx = Math.min(list.length - 1, Math.floor(Math.sqrt(rnd()) * list.length));
        const version = (list[idx] as { version: string }).version;
        versions.push({
          host_id: id,
          product_id: `app${p}`,
          version,
          source: 'bench',
          source_seen_at: at,
          first_observed_at: at,
        });
      }
    }
    await db.kysely.transaction().execute(async (trx) => {
      await insertRows(trx, 'hosts', hosts);
      await insertRows(trx, 'host_versions', versions);
    });
    rows += versions.length;
  }
  return rows;
}
