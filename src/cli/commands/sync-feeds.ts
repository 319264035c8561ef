import type { Command } from 'commander';
import { configuredFeeds } from '../../catalog/feeds-config.js';
import { CUSTOM_SOURCE_ID, feedSources } from '../../catalog/sources/api.js';
import { syncFeeds, type FeedSyncResult } from '../../catalog/sync.js';
import type { AppContext } from '../../context.js';
import { PatchbayError } from '../../platform/errors/errors.js';
import { withContext } from '../common.js';
import { printJson, table, type Io } from '../output.js';
import { syncExitCode } from '../sync-exit.js';

export interface FeedSyncOptions {
  readonly json?: boolean;
  readonly feed?: string[];
}

export function registerSyncFeeds(sync: Command, io: Io, setExit: (code: number) => void): void {
  sync
    .command('feeds')
    .description(
      'Read every enabled version feed into the catalog (conditional GET: unchanged feeds cost a 304)',
    )
    .option('--feed <name...>', 'only these feeds (by name)')
    .option('--json', 'print the results as JSON')
    .action(async (opts: FeedSyncOptions, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => {
        const results = await runFeedSync(ctx, io, opts);
        // At least one feed failed: the others did sync, but an admin must look.
        setExit(
          syncExitCode(
            results.flatMap((r) => (r.outcome === 'failed' ? [r.error?.code ?? ''] : [])),
          ),
        );
      });
    });
}

/** Sync the configured feeds with progress on stderr and a summary on stdout. */
export async function runFeedSync(
  ctx: AppContext,
  io: Io,
  opts: FeedSyncOptions,
): Promise<FeedSyncResult[]> {
  let feeds = configuredFeeds(ctx.loaded.config, feedSources, CUSTOM_SOURCE_ID);
  if (opts.feed?.length) {
    const unknown = opts.feed.filter((n) => !feeds.some((f) => f.name === n));
    if (unknown.length > 0) {
      throw new PatchbayError(
        'E_FEED_UNKNOWN',
        `Unknown feed(s): ${unknown.join(', ')}. Configured: ${feeds.map((f) => f.name).join(', ')}`,
      );
    }
    feeds = feeds.filter((f) => opts.feed?.includes(f.name));
  }
  const enabled = feeds.filter((f) => f.enabled).length;
  let done = 0;
  const results = await syncFeeds(
    {
      store: ctx.catalog,
      http: ctx.http,
      sources: feedSources,
      now: ctx.now,
      log: ctx.log,
      onProgress: (e) => {
        if (e.phase !== 'done' || !e.result || e.result.outcome === 'disabled') return;
        done++;
        // Progress goes to stderr so that --json output on stdout stays parseable.
        io.err(`[${done}/${enabled}] ${e.feed}: ${describeOutcome(e.result)}\n`);
      },
    },
    feeds,
  );
  // Only the products whose releases or staleness changed are re-evaluated.
  const refreshed = await ctx.refreshFindings();
  io.err(
    `findings: ${refreshed.productsChanged.length ? refreshed.productsChanged.join(', ') : 'no product'} re-evaluated, ${refreshed.written} written, ${refreshed.deleted} removed\n`,
  );
  if (opts.json) printJson(io, results);
  else io.out(`${summaryTable(results)}\n${footer(results)}\n`);
  return results;
}

function describeOutcome(r: FeedSyncResult): string {
  switch (r.outcome) {
    case 'updated':
      return `updated, ${r.releasesSeen} releases (${r.releasesNew} new)${r.issues.length ? `, ${r.issues.length} bad records skipped` : ''}`;
    case 'not-modified':
      return 'not modified (304)';
    case 'failed':
      return `FAILED ${r.error?.code ?? ''}: ${r.error?.message ?? ''}`;
    case 'disabled':
      return 'disabled';
  }
}

function summaryTable(results: readonly FeedSyncResult[]): string {
  return table(
    ['feed', 'outcome', 'releases', 'new', 'skipped records', 'time', 'error'],
    results.map((r) => [
      r.feed,
      r.outcome,
      r.releasesSeen,
      r.releasesNew,
      r.issues.length,
      r.outcome === 'disabled' ? '-' : `${r.durationMs} ms`,
      r.error ? `${r.error.code}: ${truncate(r.error.message, 70)}` : '',
    ]),
  );
}

function footer(results: readonly FeedSyncResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const i of r.issues.slice(0, 5))
      lines.push(`  ${i.source}: record ${i.record}, field ${i.field}: ${i.message}`);
    if (r.issues.length > 5)
      lines.push(`  ${r.feed}: ... and ${r.issues.length - 5} more skipped records`);
  }
  const failed = results.filter((r) => r.outcome === 'failed').length;
  const head =
    failed > 0
      ? `${failed} feed(s) failed: their products are marked stale until a good read.`
      : 'All enabled feeds synced.';
  return [head, ...(lines.length ? ['Skipped records:', ...lines] : [])].join('\n');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
