import type { Command } from 'commander';
import { buildCatalog, type CatalogEntry } from '../../catalog/catalog.js';
import { compareVersions } from '../../catalog/versions/api.js';
import type { AppContext } from '../../context.js';
import { withContext } from '../common.js';
import { printJson, shortDate, table, type Io } from '../output.js';

export interface CatalogOptions {
  readonly product?: string[];
  readonly json?: boolean;
  readonly all?: boolean;
}

/** The JSON shape of `patchbay catalog --json`: a documented contract, one object per track. */
export interface CatalogJsonEntry {
  product: string;
  productName: string;
  track: string;
  trackName: string;
  version: string;
  build: string | null;
  releasedAt: string | null;
  cves: readonly string[];
  exploitedCves: readonly string[];
  url: string | null;
  supported: boolean;
  stale: boolean;
  staleReason: string | null;
  firstSeenAt: string;
}

export function registerCatalog(program: Command, io: Io): void {
  program
    .command('catalog')
    .description('Show the latest release of every product and track')
    .option('--product <id...>', 'only these products (e.g. macos chrome)')
    .option('--all', 'include tracks the feed no longer supports')
    .option('--json', 'print JSON: an array of {product, track, version, build, releasedAt, cves, exploitedCves, stale, ...}')
    .action(async (opts: CatalogOptions, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => printCatalog(io, await readCatalog(ctx, opts), opts));
    });
}

export async function readCatalog(ctx: AppContext, opts: CatalogOptions): Promise<CatalogEntry[]> {
  const input = await ctx.catalog.loadCatalogInput();
  return buildCatalog(input, ctx.now(), compareVersions).filter(
    (e) => (opts.all || e.supported) && (!opts.product?.length || opts.product.includes(e.product)),
  );
}

export function printCatalog(io: Io, entries: readonly CatalogEntry[], opts: CatalogOptions): void {
  if (opts.json) {
    printJson(io, entries.map(toJson));
    return;
  }
  if (entries.length === 0) {
    io.out('The catalog is empty: run `patchbay sync feeds` first.\n');
    return;
  }
  io.out(
    `${table(
      ['product', 'track', 'version', 'build', 'released', 'CVEs', 'exploited', 'status'],
      entries.map((e) => [
        e.productName,
        e.trackName,
        e.version,
        e.build ?? '-',
        shortDate(e.releasedAt),
        e.cves.length,
        e.exploitedCves.length,
        e.stale ? 'STALE' : e.supported ? 'ok' : 'unsupported',
      ]),
    )}\n`,
  );
  const stale = [...new Set(entries.filter((e) => e.stale).map((e) => e.staleReason))];
  for (const reason of stale) io.out(`stale: ${reason}\n`);
}

function toJson(e: CatalogEntry): CatalogJsonEntry {
  return {
    product: e.product,
    productName: e.productName,
    track: e.track,
    trackName: e.trackName,
    version: e.version,
    build: e.build,
    releasedAt: e.releasedAt,
    cves: e.cves,
    exploitedCves: e.exploitedCves,
    url: e.url,
    supported: e.supported,
    stale: e.stale,
    staleReason: e.staleReason,
    firstSeenAt: e.firstSeenAt,
  };
}
