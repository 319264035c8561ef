/**
 * Stored findings at fleet scale: a full evaluation, a steady-state full re-evaluation, an
 * incremental refresh after 1% of hosts changed, and reading the rows back, each printed beside
 * baselines measured in the same run on the same database:
 *   - a plain SELECT of the same host x product rows the evaluation reads;
 *   - a plain batched INSERT of as many rows as the first evaluation writes;
 *   - a plain JS loop over the same rows (the CPU floor of touching each one).
 *
 *   npm run bench:findings -- --hosts 100000 --products 30
 *   PATCHBAY_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:findings
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { CatalogStore } from '../src/catalog/store.js';
import { createEvaluator, verdictFor } from '../src/compliance/evaluator.js';
import { countsByTrack } from '../src/compliance/finding-counts.js';
import { statusCountsBy } from '../src/compliance/findings-pages.js';
import { countFindings, listFindings } from '../src/compliance/findings-query.js';
import { policiesSchema } from '../src/compliance/policy.js';
import { refreshFindings } from '../src/compliance/refresh.js';
import type { Db } from '../src/platform/db/db.js';
import { insertRows } from '../src/platform/db/upsert.js';
import { BENCH_NOW, hostId, openBenchDb, seedCatalog, seedHosts } from './lib/fleet-db.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '10000' },
    products: { type: 'string', default: '30' },
  },
});
const HOSTS = Number(values.hosts);
const PRODUCTS = Number(values.products);

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const fmt = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** The same rows evaluation reads, by a plain SELECT in host pages (what a full pass must at least do). */
async function plainSelect(db: Db): Promise<number> {
  let n = 0;
  let after = '';
  for (;;) {
    const hosts = await db.kysely
      .selectFrom('hosts')
      .select(['id', 'serial', 'platform', 'owner_email', 'active'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    const last = hosts[hosts.length - 1];
    if (!last) break;
    const rows = await db.kysely
      .selectFrom('host_versions')
      .select(['host_id', 'product_id', 'version'])
      .where('host_id', '>=', (hosts[0] as { id: string }).id)
      .where('host_id', '<=', last.id)
      .execute();
    n += rows.length;
    after = last.id;
  }
  return n;
}

async function plainInsert(db: Db, rows: number): Promise<void> {
  await db.kysely.schema
    .createTable('bench_plain')
    .ifNotExists()
    .addColumn('host_id', 'varchar(64)')
    .addColumn('product_id', 'varchar(200)')
    .addColumn('status', 'varchar(20)')
    .addColumn('installed', 'varchar(200)')
    .addColumn('required', 'varchar(200)')
    .addColumn('due_at', 'varchar(40)')
    .addPrimaryKeyConstraint('bench_plain_pk', ['host_id', 'product_id'])
    .execute();
  const BATCH = 5000;
  for (let i = 0; i < rows; i += BATCH) {
    const batch: Record<string, string>[] = [];
    for (let j = i; j < Math.min(rows, i + BATCH); j++)
      batch.push({
        host_id: hostId(Math.floor(j / PRODUCTS)),
        product_id: `app${j % PRODUCTS}`,
        status: 'behind',
        installed: '20.1.1',
        required: '20.7.1',
        due_at: BENCH_NOW.toISOString(),
      });
    await db.kysely
      .transaction()
      .execute((trx) => insertRows(trx as never, 'bench_plain' as never, batch as never));
  }
  await sql`drop table bench_plain`.execute(db.kysely);
}

/** The plain JS loop over the rows, and judging each in memory: the CPU floor and cost. */
async function inMemoryBaselines(
  db: Db,
  deps: { catalog: CatalogStore; policies: ReturnType<typeof policiesSchema.parse> },
): Promise<{ loop: { ms: number }; cpu: { ms: number } }> {
  const data = await db.kysely
    .selectFrom('host_versions')
    .select(['host_id', 'product_id', 'version'])
    .execute();
  const loop = await timed(() => {
    let k = 0;
    for (const r of data) if (r.version > '20.3') k++;
    return k;
  });
  const evaluator = createEvaluator(
    await deps.catalog.loadCatalogInput(),
    deps.policies,
    BENCH_NOW,
  );
  const host = {
    id: 'x',
    serial: null,
    platform: 'macos',
    ownerEmail: null,
    active: true,
    products: {},
  };
  const cpu = await timed(() => {
    let k = 0;
    for (const r of data)
      if (verdictFor(evaluator.products.get(r.product_id) as never, host, r.version)) k++;
    return k;
  });
  return { loop, cpu };
}

async function run(kind: 'sqlite' | 'postgres', pgUrl?: string): Promise<void> {
  const bench = await openBenchDb(kind, pgUrl);
  const { db } = bench;
  try {
    process.stderr.write(`${kind}: generating ${HOSTS} hosts x ${PRODUCTS} products...\n`);
    await seedCatalog(db, PRODUCTS);
    const rows = await seedHosts(db, { hosts: HOSTS, products: PRODUCTS });
    const deps = { db, catalog: new CatalogStore(db), policies: policiesSchema.parse({}) };

    const select = await timed(() => plainSelect(db));
    const insert = await timed(() => plainInsert(db, rows));
    const { loop, cpu } = await inMemoryBaselines(db, deps);
    // The rows held by the baselines are gone before the refresh is timed: 3 million live
    // objects would make every garbage collection during it (and its stalls) far longer.
    if (typeof globalThis.gc === 'function') globalThis.gc();

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const first = await timed(() => refreshFindings(deps, BENCH_NOW));
    const steady = await timed(() => refreshFindings(deps, BENCH_NOW, { full: true }));
    delay.disable();

    // 1% of hosts install an update, as an inventory sync records it (versions + revision).
    const changed = Array.from({ length: Math.max(1, Math.floor(HOSTS / 100)) }, (_, i) =>
      hostId(i * 100),
    );
    for (let i = 0; i < changed.length; i += 500) {
      const ids = changed.slice(i, i + 500);
      await db.kysely
        .updateTable('host_versions')
        .set({ version: '20.7.0' })
        .where('product_id', '=', 'app0')
        .where('host_id', 'in', ids)
        .execute();
      await db.kysely
        .updateTable('hosts')
        .set((eb) => ({ rev: eb('rev', '+', 1) }))
        .where('id', 'in', ids)
        .execute();
    }
    const inc = await timed(() => refreshFindings(deps, BENCH_NOW));

    const counts = await timed(() => statusCountsBy(db, BENCH_NOW, {}, 'product-track'));
    const maintained = await timed(() => countsByTrack(db, BENCH_NOW));
    const overdue = await timed(() => countFindings(db, BENCH_NOW, { statuses: ['overdue'] }));
    const page = await timed(() =>
      listFindings(db, BENCH_NOW, { statuses: ['overdue'] }, { limit: 100 }),
    );

    const out = [
      `\n${kind}: ${HOSTS.toLocaleString('en')} hosts x ${PRODUCTS} products = ${rows.toLocaleString('en')} findings`,
      `  baseline plain SELECT of the rows        ${fmt(select.ms)}`,
      `  baseline plain batched INSERT of as many ${fmt(insert.ms)}`,
      `  baseline plain JS loop over the rows     ${fmt(loop.ms)}`,
      `  verdicts in memory (no I/O)              ${fmt(cpu.ms)}   ${ratio(cpu.ms, loop.ms)} the JS loop`,
      `  first evaluation (writes every row)      ${fmt(first.ms)}   ${ratio(first.ms, select.ms + insert.ms)} SELECT+INSERT  (${first.value.written} written)`,
      `  full re-evaluation, nothing changed      ${fmt(steady.ms)}   ${ratio(steady.ms, select.ms)} the plain SELECT  (${steady.value.written} written)`,
      `  incremental, 1% of hosts changed         ${fmt(inc.ms)}   (${inc.value.hostsEvaluated} hosts re-evaluated, ${inc.value.written} written)`,
      `  counts by product, track, status (SQL)   ${fmt(counts.ms)}`,
      `  counts by product, track, status (kept) ${fmt(maintained.ms)}`,
      `  count of overdue findings (SQL)         ${fmt(overdue.ms)}   (${overdue.value})`,
      `  first 100 overdue findings (SQL)         ${fmt(page.ms)}`,
      `  longest event-loop stall while evaluating ${(delay.max / 1e6).toFixed(0)} ms`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await bench.drop();
  }
}

await run('sqlite');
const pgUrl = process.env.PATCHBAY_BENCH_POSTGRES_URL;
if (pgUrl) await run('postgres', pgUrl);
