/**
 * CSV exports at fleet scale, in process (no HTTP: the cost is reading and encoding): every host
 * through the API's keyset export and through the dashboard's sorted (OFFSET-paged) export, and
 * every finding. Each is printed with its time, the peak heap above the start of the phase, the
 * longest event-loop stall and its bytes, beside a baseline measured in the same run: reading
 * the same hosts in one go (listHosts without a limit), which is what an export must not do.
 *
 *   node --expose-gc --import tsx bench/csv-export.ts --hosts 100000
 *   PATCHBAY_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test node --expose-gc --import tsx bench/csv-export.ts --only postgres
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FINDING_COLUMNS, HOST_COLUMNS } from '../src/api/csv-columns.js';
import { csvChunks, csvExport, type CsvColumnDoc } from '../src/api/csv-export.js';
import type { CsvCell } from '../src/api/csv.js';
import { streamFindings } from '../src/compliance/findings-query.js';
import { createContext } from '../src/context.js';
import { listHosts } from '../src/inventory/host-query.js';
import { streamHosts } from '../src/inventory/host-stream.js';
import { loadConfig } from '../src/platform/config/load.js';
import { optionTable } from '../src/platform/config/load-from-disk.js';
import { createLogger } from '../src/platform/log/logger.js';
import { parseHostsQuery } from '../src/web/pages/hosts-data.js';
import { HOST_TABLE_COLUMNS, hostTableRows } from '../src/web/pages/csv-routes.js';
import { BENCH_NOW, openBenchDb, seedCatalog, seedHosts } from './lib/fleet-db.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '20000' },
    products: { type: 'string', default: '10' },
    only: { type: 'string' },
    // Comma-separated subset of: baseline, api-hosts, table-hosts, findings.
    phases: { type: 'string', default: 'baseline,api-hosts,table-hosts,findings' },
  },
});
const HOSTS = Number(values.hosts);
const PRODUCTS = Number(values.products);
const PHASES = new Set(values.phases.split(','));

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
const fmt = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;

interface Figures {
  readonly ms: number;
  readonly heap: number;
  readonly stallMs: number;
  readonly bytes: number;
}

/** Run one phase: time, peak heap above its start (sampled every 10 ms), longest stall. */
async function measure(fn: () => Promise<number>): Promise<Figures> {
  gc();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const bytes = await fn();
  const ms = performance.now() - t0;
  loop.disable();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, heap: peak - start, stallMs: loop.max / 1e6, bytes };
}

/** Encode an export and count its bytes, holding nothing (as a socket that keeps up would). */
async function drain(
  columns: readonly CsvColumnDoc[],
  pages: AsyncIterable<readonly (readonly CsvCell[])[]>,
): Promise<number> {
  let bytes = 0;
  for await (const chunk of csvChunks(columns, pages)) bytes += Buffer.byteLength(chunk);
  return bytes;
}

async function run(kind: 'sqlite' | 'postgres', pgUrl?: string): Promise<void> {
  const bench = await openBenchDb(kind, pgUrl);
  try {
    process.stderr.write(`${kind}: generating ${HOSTS} hosts x ${PRODUCTS} products...\n`);
    await seedCatalog(bench.db, PRODUCTS);
    await seedHosts(bench.db, { hosts: HOSTS, products: PRODUCTS });
    const url = bench.pgSchema
      ? `${bench.url}${bench.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${bench.pgSchema}`)}`
      : bench.url;
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: { PATCHBAY_DATABASE__URL: url },
      readFile: () => '',
    });
    const ctx = await createContext(loaded, {
      now: () => BENCH_NOW,
      log: createLogger({ level: 'warn', format: 'json', secrets: [] }),
    });
    try {
      await ctx.refreshFindings({ full: true });
      process.stderr.write(`${kind}: measuring...\n`);
      const hostsCsv = csvExport('hosts', HOST_COLUMNS, () => streamHosts(ctx.db, {}));
      const tableCsv = csvExport('hosts', HOST_TABLE_COLUMNS, () =>
        hostTableRows(ctx, parseHostsQuery({}), BENCH_NOW),
      );
      const findingsCsv = csvExport('findings', FINDING_COLUMNS, () =>
        streamFindings(ctx.db, BENCH_NOW, {}),
      );
      const baseline = await measure(async () => (await listHosts(ctx.db, {})).length);
      const phases: [string, Figures][] = [['all hosts in one read (baseline)', baseline]];
      const phase = async (id: string, name: string, fn: () => Promise<number>) => {
        if (PHASES.has(id)) phases.push([name, await measure(fn)]);
      };
      await phase('api-hosts', 'API /hosts CSV (keyset)', () =>
        drain(hostsCsv.columns, hostsCsv.pages(undefined)),
      );
      await phase(
        'table-hosts',
        'dashboard /hosts.csv, most overdue first (one sort, id chunks)',
        () => drain(tableCsv.columns, tableCsv.pages(undefined)),
      );
      await phase('findings', 'API /findings CSV (keyset)', () =>
        drain(findingsCsv.columns, findingsCsv.pages(undefined)),
      );
      console.log(`\n${kind}, ${HOSTS} hosts x ${PRODUCTS} products`);
      console.log('  phase | time (x baseline) | peak heap (x baseline) | longest stall | bytes');
      for (const [name, f] of phases)
        console.log(
          `  ${name} | ${fmt(f.ms)} (${(f.ms / baseline.ms).toFixed(1)}x) | ${mib(f.heap)} (${(f.heap / baseline.heap).toFixed(2)}x) | ${fmt(f.stallMs)} | ${f.bytes}`,
        );
    } finally {
      await ctx.close();
    }
  } finally {
    await bench.drop();
  }
}

const pgUrl = process.env.PATCHBAY_BENCH_POSTGRES_URL;
if (values.only !== 'postgres') await run('sqlite');
if (pgUrl && values.only !== 'sqlite') await run('postgres', pgUrl);
