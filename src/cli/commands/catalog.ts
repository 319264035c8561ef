import type { Command } from 'commander';
import { catalogEntryJson, readCatalogView, type CatalogView } from '../../catalog/catalog-view.js';
import { supportedMajorsOf } from '../../compliance/policy.js';
import type { AppContext } from '../../context.js';
import { withContext } from '../common.js';
import { printJson, shortDate, table, type Io } from '../output.js';

export interface CatalogOptions {
  readonly product?: string[];
  readonly json?: boolean;
  readonly all?: boolean;
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

export function readCatalog(ctx: AppContext, opts: CatalogOptions): Promise<CatalogView> {
  return readCatalogView(ctx.catalog, ctx.now(), {
    ...opts,
    supportedMajors: supportedMajorsOf(ctx.loaded.config.policies),
  });
}

export function printCatalog(io: Io, view: CatalogView, opts: CatalogOptions): void {
  const { entries } = view;
  if (opts.json) {
    printJson(io, entries.map(catalogEntryJson));
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
  const closed = view.outsideWindow;
  if (closed.length > 0) io.out(`${windowNote(closed, opts.all === true)}\n`);
}

/**
 * Why listed majors are absent (or unsupported with --all): SOFA still lists them, and an admin
 * comparing with it should not think the catalog lost them.
 */
function windowNote(closed: CatalogView['outsideWindow'], all: boolean): string {
  const names = closed.map((e) => `${e.productName} ${e.trackName}`).join(', ');
  const verb = all ? 'are unsupported' : 'are not shown';
  return `${names} ${verb}: Apple no longer ships security fixes for them (policies.apple.supportedMajors)${all ? '' : '; --all lists them'}.`;
}
