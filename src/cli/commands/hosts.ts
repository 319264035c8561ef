import type { Command } from 'commander';
import { countHosts, listHosts, type HostView } from '../../inventory/host-query.js';
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
        else if (hosts.length > 0) printHosts(io, hosts, opts.limit);
        else {
          // Counted only when nothing is shown: the reason decides what the admin should do.
          const inactive = opts.all ? 0 : await countHosts(ctx.db, { ...opts, all: true });
          const filtered = Boolean(opts.product || opts.owner);
          io.out(
            `${noHostsMessage(inactive, filtered, ctx.loaded.config.inventory.inactiveAfter)}\n`,
          );
        }
      });
    });
}

/**
 * Why the table is empty. A sync that found every host silent for longer than
 * inventory.inactiveAfter leaves hosts that are all inactive: telling the admin to sync again
 * would send them in a circle, so say what happened and how to see them.
 */
export function noHostsMessage(
  inactive: number,
  filtered: boolean,
  inactiveAfterMs: number,
): string {
  if (inactive > 0) {
    const days = Math.round(inactiveAfterMs / 86_400_000);
    return (
      `No active hosts match: ${inactive} matching host(s) are inactive (not seen for ${days} days, ` +
      'inventory.inactiveAfter). `patchbay hosts --all` lists them; check that the inventory source still reports them.'
    );
  }
  return filtered
    ? 'No hosts match these filters: loosen them, or `patchbay hosts --all` to include inactive hosts.'
    : 'No hosts yet: run `patchbay sync inventory` first.';
}

function printHosts(io: Io, hosts: readonly HostView[], limit: number): void {
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
