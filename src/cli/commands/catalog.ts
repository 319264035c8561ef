import type { Command } from 'commander';
import { buildCatalog, type CatalogEntry } from '../../catalog/catalog.js';
import { feedStaleness } from '../../catalog/staleness.js';
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
    .option(
      '--json',
      'print JSON: an array of {product, track, version, build, releasedAt, cves, exploitedCves, stale, ...}',
    )
    .action(async (opts: CatalogOptions, cmd: Command) => {
      await withContext(cmd, io, async (ctx) =>
        printCatalog(io, await readCatalog(ctx, opts), opts),
      );
    });
}

/** The catalog plus every feed that cannot be trusted now, including ones that never delivered. */
export interface CatalogView {
  readonly entries: readonly CatalogEntry[];
  readonly unhealthyFeeds: readonly string[];
}

export async function readCatalog(ctx: AppContext, opts: CatalogOptions): Promise<CatalogView> {
  const input = await ctx.catalog.loadCatalogInput();
  const now = ctx.now();
  const entries = buildCatalog(input, now, compareVersions).filter(
    (e) => (opts.all || e.supported) && (!opts.product?.length || opts.product.includes(e.product)),
  );
  const unhealthyFeeds = input.feeds.flatMap((f) => feedStaleness(f, now).reason ?? []);
  return { entries, unhealthyFeeds };
}

export function printCatalog(io: Io, view: CatalogView, opts: CatalogOptions): void {
  const { entries } = view;
  if (opts.json) {
    printJson(io, entries.map(toJson));
    return;
  }
  for (const reason of view.unhealthyFeeds) io.out(`stale: ${reason}\n`);
  if (entries.length === 0) {
    io.out(
      `No catalog entries${opts.product?.length ? ` for ${opts.product.join(', ')}` : ''}: run \`patchbay sync feeds\` first.\n`,
    );
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
