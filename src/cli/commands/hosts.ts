import type { Command } from 'commander';
import { listHosts, type HostView } from '../../inventory/host-query.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { withContext } from '../common.js';
import { printJson, shortDate, table, type Io } from '../output.js';
import { intIn } from '../parse-int.js';

interface HostsOptions {
  readonly product?: string;
  readonly version?: string;
  readonly owner?: string;
  readonly all?: boolean;
  readonly json?: boolean;
  readonly limit: number;
}

export function registerHosts(program: Command, io: Io): void {
  program
    .command('hosts')
    .description('List computers with their OS, owner and watched products')
    .option('--product <id>', 'only hosts that have this product (e.g. chrome)')
    .option('--version <version>', 'with --product: only this exact version')
    .option('--owner <email>', "only this person's hosts")
    .option('--all', 'include inactive hosts')
    .option('--limit <n>', 'rows in the table (JSON has all)', intIn(1, 1_000_000), 100)
    .option(
      '--json',
      'print JSON: [{id, serial, name, platform, osVersion, owner, products, sources, identityConflict, ...}]',
    )
    .action(async (opts: HostsOptions, cmd: Command) => {
      if (opts.version && !opts.product)
        throw new PatchbayError('E_USAGE', '--version needs --product');
      await withContext(cmd, io, async (ctx) => {
        const hosts = await listHosts(ctx.db, opts);
        if (opts.json) printJson(io, hosts);
        else printHosts(io, hosts, opts.limit);
      });
    });
}

function printHosts(io: Io, hosts: readonly HostView[], limit: number): void {
  if (hosts.length === 0) {
    io.out('No hosts match: run `patchbay sync inventory` first, or loosen the filters.\n');
    return;
  }
  const shown = hosts.slice(0, limit);
  const rows = shown.map((h) => [
    h.name ?? '-',
    serialCell(h),
    `${h.platform} ${h.osVersion ?? ''}`.trim(),
    h.owner?.email ?? '-',
    shortDate(h.lastSeenAt),
    Object.entries(h.products)
      .filter(([p]) => p !== 'macos' && p !== 'ios')
      .map(([p, v]) => `${p} ${v}`)
      .join(', '),
    h.active ? h.sources.join('+') : `${h.sources.join('+')} (inactive)`,
  ]);
  io.out(`${table(['name', 'serial', 'os', 'owner', 'last seen', 'apps', 'sources'], rows)}\n`);
  if (hosts.length > limit)
    io.out(`... ${hosts.length - limit} more (--limit, or --json for all)\n`);
  io.out(`${hosts.length} host(s)\n`);
  const conflicts = hosts.filter((h) => h.identityConflict).length;
  if (conflicts > 0)
    io.out(
      `! ${conflicts} host(s) in an identity conflict: each reports a serial another host holds, ` +
        'unconfirmed by its hardware UUID, so it is kept apart and changes nothing of that host ' +
        '(docs/inventory.md, "Identity")\n',
    );
}

/** The serial, or for a host kept apart the serial it claims, marked so it cannot pass unseen. */
function serialCell(h: HostView): string {
  if (!h.identityConflict) return h.serial ?? '-';
  return `! claims ${h.identityConflict.serial} (conflict)`;
}
