import { Option, type Command } from 'commander';
import { statusCountsBy } from '../../compliance/findings-pages.js';
import { needsNewHardware } from '../../compliance/hardware.js';
import { computerCounts, type ComputerCounts } from '../../compliance/host-status-query.js';
import { streamFindings, type FindingWithHost } from '../../compliance/findings-query.js';
import type { FindingStatus } from '../../compliance/model.js';
import { findingJson } from '../../api/compliance-deps.js';
import { withContext } from '../common.js';
import { table, type Io } from '../output.js';
import { reportTti } from './report-tti.js';
import { asOfTime } from '../as-of.js';
import { PatchbayError } from '../../platform/errors/errors.js';

interface ReportOptions {
  readonly by: 'product' | 'person' | 'host';
  readonly tti?: boolean;
  readonly all?: boolean;
  readonly product?: string[];
  readonly json?: boolean;
  readonly asOf?: Date;
}

const STATUSES: readonly FindingStatus[] = [
  'current',
  'pending',
  'overdue',
  'unsupported',
  'unknown',
];

export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('Compliance of every host against policy, or time-to-install per release (--tti)')
    .addOption(
      new Option('--by <axis>', 'group by')
        .choices(['product', 'person', 'host'])
        .default('product'),
    )
    .option(
      '--tti',
      'time-to-install of the newest release per track: median, p90 (Kaplan-Meier), hosts ' +
        'waiting, share within 7/14/30 days',
    )
    .option('--all', 'with --tti: every release, not only the newest of each track')
    .option('--product <id...>', 'only these products')
    .option('--json', 'print JSON (findings, or TTI stats with --tti)')
    .option(
      '--as-of <time>',
      'with --tti: the figures as of this ISO time instead of now (e.g. a sample database)',
      asOfTime,
    )
    .action(async (opts: ReportOptions, cmd: Command) => {
      // The compliance report refreshes the stored findings first: on a moved clock it would
      // store verdicts of another moment. Time to install only reads.
      if (opts.asOf && !opts.tti) throw new PatchbayError('E_USAGE', '--as-of needs --tti');
      await withContext(
        cmd,
        io,
        async (ctx) => {
          if (opts.tti) {
            await reportTti(ctx, io, opts);
            return;
          }
          // Cheap when nothing changed; a report never shows a change it has not evaluated.
          await ctx.refreshFindings();
          const now = ctx.now();
          const products = opts.product?.length ? opts.product : [undefined];
          if (opts.json) {
            await streamJsonArray(io, products, (product) =>
              streamFindings(ctx.db, now, product ? { product } : {}),
            );
            return;
          }
          const names = new Map(
            (await ctx.catalog.loadCatalogInput()).products.map((p) => [p.id, p.name]),
          );
          const groups = new Map<string, Record<FindingStatus, number>>();
          for (const product of products) {
            const rows = await statusCountsBy(
              ctx.db,
              now,
              product ? { product } : {},
              opts.by === 'person' ? 'owner' : opts.by === 'host' ? 'host-name' : 'product',
            );
            for (const r of rows) {
              const key =
                opts.by === 'product'
                  ? (names.get(r.key) ?? r.key)
                  : opts.by === 'person'
                    ? (r.key ?? '(no owner)')
                    : r.key;
              const g = groups.get(key) ?? emptyCounts();
              for (const s of STATUSES) g[s] += r.counts[s];
              groups.set(key, g);
            }
          }
          printGrouped(io, opts.by, groups);
          // Over every product: a computer is judged by its worst finding of any of them.
          if (products[0] === undefined)
            io.out(`${computersLine(await computerCounts(ctx.db, now))}\n`);
        },
        opts.asOf,
      );
    });
}

/**
 * A JSON array written page by page: a report of 3 million findings streams in constant
 * memory instead of building one string.
 */
async function streamJsonArray(
  io: Io,
  products: readonly (string | undefined)[],
  pages: (product: string | undefined) => AsyncIterable<readonly FindingWithHost[]>,
): Promise<void> {
  let first = true;
  io.out('[');
  for (const product of products) {
    for await (const page of pages(product)) {
      // needsNewHardware: unsupported with no version to reach (the model runs no supported
      // OS major), told apart here as the overview and the table below tell it apart.
      const text = page
        .map((f) => JSON.stringify({ ...findingJson(f), needsNewHardware: needsNewHardware(f) }))
        .join(',\n');
      io.out(`${first ? '\n' : ',\n'}${text}`);
      first = false;
      await io.drain?.();
    }
  }
  io.out(first ? ']\n' : '\n]\n');
}

function emptyCounts(): Record<FindingStatus, number> {
  return { current: 0, pending: 0, overdue: 0, unsupported: 0, unknown: 0 };
}

function printGrouped(
  io: Io,
  by: string,
  groups: ReadonlyMap<string, Record<FindingStatus, number>>,
): void {
  const rows = [...groups].sort((a, b) => b[1].overdue - a[1].overdue || a[0].localeCompare(b[0]));
  io.out(
    `${table(
      [by, ...STATUSES, 'compliant'],
      rows.map(([k, g]) => [
        k,
        ...STATUSES.map((s) => g[s]),
        pct(g.current, g.current + g.pending + g.overdue + g.unsupported),
      ]),
    )}\n`,
  );
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((part / whole) * 100)}%`;
}

/**
 * The fleet in computers (each judged by its worst finding), with the unsupported ones that need
 * new hardware counted apart from those an upgrade fixes.
 */
export function computersLine(c: ComputerCounts): string {
  const w = c.byWorst;
  const n = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;
  const upgrade = w.unsupported - c.needNewHardware;
  return (
    `Computers: ${w.current} current, ${w.pending} pending, ${w.overdue} overdue, ` +
    `${upgrade} unsupported, ${n(c.needNewHardware, 'computer')} ` +
    `${c.needNewHardware === 1 ? 'needs' : 'need'} new hardware, ${w.unknown} unknown`
  );
}
