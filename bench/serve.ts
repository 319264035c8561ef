/**
 * The running server at fleet scale, over real HTTP on 127.0.0.1: every dashboard page and every
 * /api/v1 GET (cold, warm p50/p95, 10 concurrent), /healthz alone and during a full
 * re-evaluation in the same process (with the longest event-loop stall), this process's peak RSS,
 * and `patchbay report --json` streamed by a child process (bytes, child's peak RSS). Each figure
 * is printed beside its target and its ratio to a baseline measured in the same run: /healthz
 * for latencies, RSS at start for memory, `patchbay report` (counts only) for the streaming CLI.
 *
 *   npm run bench:serve -- --hosts 100000
 *   PATCHBAY_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:serve
 *   npm run bench:serve -- --only postgres
 *   npm run bench:serve -- --hosts 100000 --pages-only --routes /,/hosts   (a few pages, quickly)
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createContext } from '../src/context.js';
import { TokenStore } from '../src/platform/auth/token-store.js';
import { loadConfig } from '../src/platform/config/load.js';
import { createLogger } from '../src/platform/log/logger.js';
import { optionTable } from '../src/platform/config/load-from-disk.js';
import { startServer } from '../src/serve/start-server.js';
import { BENCH_NOW, hostId, openBenchDb, seedCatalog, seedHosts } from './lib/fleet-db.js';
import {
  HttpLoad,
  percentile,
  RssSampler,
  runCli,
  signInAdmin,
  type RouteFigures,
} from './lib/serve-harness.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '10000' },
    products: { type: 'string', default: '30' },
    warm: { type: 'string', default: '20' },
    only: { type: 'string' },
    // Keep the SQLite file / PostgreSQL schema for EXPLAIN afterwards (its path is printed).
    keep: { type: 'boolean', default: false },
    // Only these paths (comma-separated, exactly as listed below; /healthz is always measured).
    routes: { type: 'string' },
    // Pages only: skip /healthz during a full re-evaluation and the `patchbay report` children.
    'pages-only': { type: 'boolean', default: false },
  },
});
const HOSTS = Number(values.hosts);
const PRODUCTS = Number(values.products);
const WARM = Number(values.warm);
const ONLY_ROUTES = values.routes ? new Set(values.routes.split(',')) : null;
const PAGES_ONLY = values['pages-only'] === true;
const TARGET = { warmP95: 300, cold: 1000, concurrent: 1000, healthzP99: 50, rss: 1.5 * 2 ** 30 };
const rss = new RssSampler(50);
const startRss = process.memoryUsage().rss;

const fmt = (ms: number): string =>
  Number.isNaN(ms) ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
const mib = (b: number | null): string => (b === null ? '-' : `${(b / 2 ** 20).toFixed(0)} MiB`);
const x = (a: number | null, b: number | null): string =>
  a === null || b === null || !b ? '-' : `${(a / b).toFixed(1)}x`;
const miss = (value: number, target: number): string => (value <= target ? '' : '!');

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))))
    .map((r) => `  ${r.join('  ')}`)
    .join('\n');
}

/** The URL the server and the CLI open: PostgreSQL's bench schema travels in `options`. */
function contextUrl(url: string, pgSchema: string | undefined): string {
  if (!pgSchema) return url;
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`;
}

async function run(kind: 'sqlite' | 'postgres', pgUrl?: string): Promise<void> {
  const out: string[] = [];
  const bench = await openBenchDb(kind, pgUrl);
  const url = contextUrl(bench.url, bench.pgSchema);
  try {
    process.stderr.write(`${kind}: generating ${HOSTS} hosts x ${PRODUCTS} products...\n`);
    const gen = await timed(async () => {
      await seedCatalog(bench.db, PRODUCTS);
      return seedHosts(bench.db, { hosts: HOSTS, products: PRODUCTS });
    });
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: { PATCHBAY_DATABASE__URL: url },
      readFile: () => '',
    });
    // The fleet is as of BENCH_NOW; the clock ticks on from there as a real one does.
    const t0 = Date.now();
    const now = (): Date => new Date(BENCH_NOW.getTime() + (Date.now() - t0));
    const ctx = await createContext(loaded, {
      now,
      log: createLogger({ level: 'warn', format: 'json', secrets: [] }),
    });
    process.stderr.write(`${kind}: generated in ${fmt(gen.ms)}; first full refresh...\n`);
    const first = await timed(() => ctx.refreshFindings({ full: true }));
    const server = await startServer(ctx, { host: '127.0.0.1', port: 0, jobs: false });
    const afterStartRss = rss.sample();
    const load = new HttpLoad();
    try {
      if (!server.setupCode) throw new Error('a fresh database should offer a setup code');
      const cookie = await signInAdmin(server.url, server.setupCode);
      const { token } = await new TokenStore(ctx.db).create({
        name: 'bench',
        scope: 'read',
        expiresAt: null,
        now: now(),
      });
      const pages = Math.ceil(HOSTS / 50);
      const web = { cookie };
      const api = { authorization: `Bearer ${token}` };
      const routes: [string, string, Record<string, string>][] = [
        ['/healthz (baseline)', '/healthz', {}],
        ['/', '/', web],
        ['/products/app0', '/products/app0', web],
        ['/hosts', '/hosts', web],
        ['/hosts?status=overdue', '/hosts?status=overdue', web],
        ['/hosts?sort=status&dir=desc', '/hosts?sort=status&dir=desc', web],
        [
          '/hosts?product=app0&sort=status&dir=desc',
          '/hosts?product=app0&sort=status&dir=desc',
          web,
        ],
        ['/hosts?q=mac-12', '/hosts?q=mac-12', web],
        [`/hosts?page=${pages - 1} (deep)`, `/hosts?page=${pages - 1}`, web],
        ['/people', '/people', web],
        ['/people?sort=name&dir=asc', '/people?sort=name&dir=asc', web],
        ['/people/person7@example.com', '/people/person7%40example.com', web],
        ['/jobs', '/jobs', web],
        ['/api/v1/catalog', '/api/v1/catalog', api],
        ['/api/v1/hosts', '/api/v1/hosts', api],
        ['/api/v1/hosts/:id', `/api/v1/hosts/${hostId(Math.floor(HOSTS / 2))}`, api],
        ['/api/v1/findings', '/api/v1/findings', api],
        ['/api/v1/findings?status=overdue', '/api/v1/findings?status=overdue', api],
        ['/api/v1/people', '/api/v1/people', api],
        ['/api/v1/tti', '/api/v1/tti', api],
        ['/api/v1/jobs', '/api/v1/jobs', api],
      ];
      const figures: [string, RouteFigures][] = [];
      for (const [label, path, headers] of routes) {
        if (ONLY_ROUTES && path !== '/healthz' && !ONLY_ROUTES.has(path)) continue;
        process.stderr.write(`${kind}: GET ${path}\n`);
        // A route that times out is a row saying so, not the end of the run.
        const f = await load
          .measure(`${server.url}${path}`, headers, {
            warmRequests: WARM,
            concurrency: 10,
            budgetMs: 30_000,
          })
          .catch((e: unknown): RouteFigures => {
            process.stderr.write(`${kind}: GET ${path} failed: ${String(e)}\n`);
            return { coldMs: Number.NaN, warm: [], concurrentMs: Number.NaN, status: 0, bytes: 0 };
          });
        figures.push([label, f]);
      }

      const base = figures[0]?.[1] as RouteFigures;
      const rows = [
        [
          'route',
          'status',
          'bytes',
          'cold',
          'x',
          'warm p50',
          'x',
          'warm p95',
          'x',
          'n',
          '10 conc',
          'x',
          'miss',
        ],
        ...figures.map(([label, f]) => {
          const p50 = percentile(f.warm, 50);
          const p95 = percentile(f.warm, 95);
          const misses = [
            miss(f.coldMs, TARGET.cold) && 'cold',
            miss(p95, TARGET.warmP95) && 'p95',
            miss(f.concurrentMs, TARGET.concurrent) && 'conc',
            f.status !== 200 ? `HTTP ${f.status}` : '',
          ].filter(Boolean);
          return [
            label,
            String(f.status),
            String(f.bytes),
            fmt(f.coldMs),
            x(f.coldMs, base.coldMs),
            fmt(p50),
            x(p50, percentile(base.warm, 50)),
            fmt(p95),
            x(p95, percentile(base.warm, 95)),
            String(f.warm.length),
            fmt(f.concurrentMs),
            x(f.concurrentMs, base.concurrentMs),
            misses.join(',') || 'ok',
          ];
        }),
      ];
      out.push(
        `\n${kind}: ${HOSTS.toLocaleString('en')} hosts x ${PRODUCTS} products; generated in ${fmt(gen.ms)}, first full refresh ${fmt(first.ms)} (${first.value.written} written)`,
        `targets: warm p95 < ${TARGET.warmP95} ms, cold < ${fmt(TARGET.cold)}, 10 concurrent < ${fmt(TARGET.concurrent)}; x = ratio to /healthz's same figure`,
        table(rows),
      );
      if (!PAGES_ONLY) {
        // /healthz alone, then while a full re-evaluation runs in this process.
        const hz = `${server.url}/healthz`;
        const idleLoop = monitorEventLoopDelay({ resolution: 5 });
        idleLoop.enable();
        const alone = await load.poll(hz, { intervalMs: 10, count: 300, deadlineMs: 30_000 });
        idleLoop.disable();
        process.stderr.write(`${kind}: full re-evaluation while polling /healthz...\n`);
        const busyLoop = monitorEventLoopDelay({ resolution: 5 });
        busyLoop.enable();
        const r0 = performance.now();
        const polling = load.poll(hz, { intervalMs: 10, count: null, deadlineMs: 15 * 60_000 });
        const steady = await ctx.refreshFindings({ full: true }).finally(() => load.stopPolling());
        const during = await polling;
        const refreshMs = performance.now() - r0;
        busyLoop.disable();

        process.stderr.write(`${kind}: patchbay report (child process)...\n`);
        const env = {
          PATCHBAY_DATABASE__URL: url,
          PATCHBAY_LOG__LEVEL: 'warn',
          PATCHBAY_CONFIG: '',
        };
        const counts = await runCli(['report'], env, 10 * 60_000);
        const streamed = await runCli(['report', '--json'], env, 10 * 60_000);

        const hzP50 = percentile(alone, 50);
        const hzP99 = percentile(alone, 99);
        const busyP50 = percentile(during, 50);
        const busyP99 = percentile(during, 99);
        const maxRss = process.resourceUsage().maxRSS * 1024;
        out.push(
          '',
          table([
            [
              '/healthz, paced every 10 ms',
              'n',
              'p50',
              'x',
              'p99',
              'x',
              'max',
              'loop stall max',
              'x',
              'miss',
            ],
            [
              'alone (baseline)',
              String(alone.length),
              fmt(hzP50),
              '1.0x',
              fmt(hzP99),
              '1.0x',
              fmt(Math.max(...alone)),
              fmt(idleLoop.max / 1e6),
              '1.0x',
              miss(hzP99, TARGET.healthzP99) ? 'p99' : 'ok',
            ],
            [
              `during full re-evaluation (${fmt(refreshMs)}, ${steady.written} written)`,
              String(during.length),
              fmt(busyP50),
              x(busyP50, hzP50),
              fmt(busyP99),
              x(busyP99, hzP99),
              fmt(Math.max(...during)),
              fmt(busyLoop.max / 1e6),
              x(busyLoop.max, idleLoop.max),
              miss(busyP99, TARGET.healthzP99) ? 'p99' : 'ok',
            ],
          ]),
          '',
          table([
            ['memory', 'value', 'x', 'miss'],
            ['this process: RSS at start (baseline)', mib(startRss), '1.0x', ''],
            [
              'this process: RSS after first refresh + listen',
              mib(afterStartRss),
              x(afterStartRss, startRss),
              '',
            ],
            [
              'this process: peak RSS sampled every 50 ms',
              mib(rss.peak),
              x(rss.peak, startRss),
              miss(rss.peak, TARGET.rss) ? '>1.5 GiB' : 'ok',
            ],
            [
              'this process: resourceUsage().maxRSS',
              mib(maxRss),
              x(maxRss, startRss),
              miss(maxRss, TARGET.rss) ? '>1.5 GiB' : 'ok',
            ],
            [
              `child \`patchbay report\` (baseline): ${counts.bytes} B in ${fmt(counts.ms)}, exit ${counts.exitCode}`,
              `${mib(counts.maxRss)} (VmHWM ${mib(counts.vmHwm)})`,
              '1.0x',
              '',
            ],
            [
              `child \`patchbay report --json\`: ${streamed.bytes.toLocaleString('en')} B streamed in ${fmt(streamed.ms)}, exit ${streamed.exitCode}`,
              `${mib(streamed.maxRss)} (VmHWM ${mib(streamed.vmHwm)})`,
              x(streamed.maxRss, counts.maxRss),
              '',
            ],
          ]),
        );
        for (const c of [counts, streamed])
          if (c.exitCode !== 0) out.push(`  child stderr: ${c.stderrTail}`);
      }
    } finally {
      await load.close();
      await server.stop();
    }
  } finally {
    if (values.keep) {
      out.push(`  kept: ${url}`);
      await bench.db.close();
    } else {
      await bench.drop();
      // drop() closes an SQLite file but leaves it (and its WAL) in its temp folder.
      if (kind === 'sqlite')
        rmSync(dirname(bench.url.slice('sqlite:'.length)), { recursive: true, force: true });
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
}

const pgUrl = process.env.PATCHBAY_BENCH_POSTGRES_URL;
if (values.only !== 'postgres') await run('sqlite');
if (pgUrl && values.only !== 'sqlite') await run('postgres', pgUrl);
rss.stop();
