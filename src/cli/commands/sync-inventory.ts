import type { Command } from 'commander';
import type { AppContext } from '../../context.js';
import { compileAppMap } from '../../inventory/app-map.js';
import { createInventoryConnectors } from '../../inventory/connectors/api.js';
import { configuredConnectors } from '../../inventory/connectors-config.js';
import { syncInventory, type InventorySyncSummary } from '../../inventory/sync.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { withContext } from '../common.js';
import { printJson, table, type Io } from '../output.js';
import { syncExitCode } from '../sync-exit.js';

export interface InventorySyncOptions {
  readonly json?: boolean;
  readonly source?: string[];
}

export function registerSyncInventory(
  sync: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  sync
    .command('inventory')
    .description(
      'Pull every computer, what it runs and who uses it from Fleet, Jamf Pro, osquery and files',
    )
    .option('--source <id...>', 'only these sources (jamf, fleet, osquery, file)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: InventorySyncOptions, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => {
        const summary = await runInventorySync(ctx, io, opts);
        setExit(
          syncExitCode(
            summary.sources.flatMap((s) => (s.outcome === 'failed' ? [s.error?.code ?? ''] : [])),
          ),
        );
      });
    });
}

export async function runInventorySync(
  ctx: AppContext,
  io: Io,
  opts: InventorySyncOptions,
): Promise<InventorySyncSummary> {
  const inv = ctx.loaded.config.inventory;
  let connectors = configuredConnectors(inv, createInventoryConnectors({ db: ctx.db }));
  if (connectors.length === 0) {
    throw new PatchbayError(
      'E_USAGE',
      'No inventory source is configured: set inventory.jamf.url, inventory.fleet.url, inventory.osquery.enrollSecret or inventory.files (docs/config.md).',
    );
  }
  if (opts.source?.length) {
    const unknown = opts.source.filter((s) => !connectors.some((c) => c.connector.id === s));
    if (unknown.length)
      throw new PatchbayError(
        'E_USAGE',
        `Not configured: ${unknown.join(', ')}. Configured: ${connectors.map((c) => c.connector.id).join(', ')}`,
      );
    connectors = connectors.filter((c) => opts.source?.includes(c.connector.id));
  }
  const summary = await syncInventory(
    {
      store: ctx.inventory,
      http: ctx.http,
      log: ctx.log,
      now: ctx.now,
      appMap: compileAppMap(inv.appMap),
      ownerPrecedence: inv.ownerPrecedence,
      inactiveAfterMs: inv.inactiveAfter,
      onProgress: (e) =>
        io.err(`${e.source}: ${e.hostsSoFar}${e.total !== undefined ? `/${e.total}` : ''} hosts\n`),
    },
    connectors,
  );
  // Only the hosts this sync changed are re-evaluated.
  const refreshed = await ctx.refreshFindings();
  io.err(
    `findings: ${refreshed.hostsEvaluated} hosts re-evaluated, ${refreshed.written} written, ${refreshed.deleted} removed\n`,
  );
  if (opts.json) {
    printJson(io, summary);
    return summary;
  }
  io.out(
    `${table(
      ['source', 'outcome', 'hosts seen', 'new', 'changed', 'version changes', 'errors', 'error'],
      summary.sources.map((s) => [
        s.source,
        s.outcome,
        s.hostsSeen,
        s.hostsNew,
        s.hostsChanged,
        s.versionChanges,
        s.issues.length,
        s.error ? `${s.error.code}: ${s.error.message}` : '',
      ]),
    )}\n`,
  );
  for (const s of summary.sources) {
    for (const i of s.issues.slice(0, 5))
      io.out(`  ${i.source}: host ${i.record}, field ${i.field}: ${i.message}\n`);
    if (s.issues.length > 5) io.out(`  ${s.source}: ... and ${s.issues.length - 5} more\n`);
  }
  io.out(
    `${summary.inactiveHosts} host(s) inactive (not seen for ${Math.round(inv.inactiveAfter / 86_400_000)} days).\n`,
  );
  return summary;
}
