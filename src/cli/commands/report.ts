import { complianceDeps } from '../../context.js';
import { Option, type Command } from 'commander';
import type { Finding, FindingStatus, TtiStats } from '../../compliance/model.js';
import { computeFindings, computeTtiReport } from '../../compliance/service.js';
import { withContext } from '../common.js';
import { printJson, table, type Io } from '../output.js';

interface ReportOptions {
  readonly by: 'product' | 'person' | 'host';
  readonly tti?: boolean;
  readonly product?: string[];
  readonly json?: boolean;
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
      'time-to-install of every release: mean, median, p90, share within 7/14/30 days',
    )
    .option('--product <id...>', 'only these products')
    .option('--json', 'print JSON (findings, or TTI stats with --tti)')
    .action(async (opts: ReportOptions, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => {
        const deps = complianceDeps(ctx);
        if (opts.tti) {
          const stats = await computeTtiReport(deps, ctx.now(), opts.product);
          if (opts.json) printJson(io, stats);
          else printTti(io, stats);
          return;
        }
        const { findings, hosts } = await computeFindings(deps, ctx.now());
        const selected = findings.filter(
          (f) => !opts.product?.length || opts.product.includes(f.product),
        );
        if (opts.json) {
          printJson(
            io,
            selected.map((f) => ({
              ...f,
              ownerEmail: hosts.get(f.hostId)?.ownerEmail ?? null,
              hostName: hosts.get(f.hostId)?.name ?? null,
            })),
          );
          return;
        }
        const keyOf = (f: Finding): string =>
          opts.by === 'person'
            ? (hosts.get(f.hostId)?.ownerEmail ?? '(no owner)')
            : opts.by === 'host'
              ? (hosts.get(f.hostId)?.name ?? f.hostId)
              : f.productName;
        printGrouped(io, opts.by, selected, keyOf);
      });
    });
}

function printGrouped(
  io: Io,
  by: string,
  findings: readonly Finding[],
  keyOf: (f: Finding) => string,
): void {
  const groups = new Map<string, Record<FindingStatus, number>>();
  for (const f of findings) {
    const key = keyOf(f);
    const g = groups.get(key) ?? { current: 0, pending: 0, overdue: 0, unsupported: 0, unknown: 0 };
    g[f.status]++;
    groups.set(key, g);
  }
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

function printTti(io: Io, stats: readonly TtiStats[]): void {
  const days = (n: number | null): string => (n === null ? '-' : n.toFixed(1));
  io.out(
    `${table(
      [
        'product',
        'track',
        'version',
        'released',
        'needed',
        'installed',
        'mean d',
        'median d',
        'p90 d',
        '<=7d',
        '<=14d',
        '<=30d',
      ],
      stats.map((s) => [
        s.product,
        s.track,
        s.version,
        s.releasedAt.slice(0, 10),
        s.hostsNeeding,
        s.hostsInstalled,
        days(s.meanDays),
        days(s.medianDays),
        days(s.p90Days),
        pct(s.within7 * 100, 100),
        pct(s.within14 * 100, 100),
        pct(s.within30 * 100, 100),
      ]),
    )}\n`,
  );
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((part / whole) * 100)}%`;
}
