import type { Command } from 'commander';
import { FeedStandIn } from '../../../sandbox/feeds/server.js';
import { standInFeedEnv } from '../../../sandbox/feeds/stand-in-config.js';
import { createContext } from '../../context.js';
import { loadConfig } from '../../platform/config/load.js';
import { optionTable } from '../../platform/config/load-from-disk.js';
import { readCatalog, printCatalog } from './catalog.js';
import { runFeedSync } from './sync-feeds.js';
import type { Io } from '../output.js';

export interface DemoOptions {
  readonly db: string;
  readonly once?: boolean;
  readonly json?: boolean;
}

/**
 * The whole system on one machine with no network: the feed stand-in serves real feed samples,
 * Patchbay syncs them into an embedded SQLite file and prints the catalog.
 */
export function registerDemo(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description(
      'Run Patchbay against local stand-ins (no network, embedded SQLite) and show the result',
    )
    .option('--db <path>', 'SQLite file for the demo', './var/demo.db')
    .option('--once', 'run one cycle and exit (the default until `patchbay serve` exists)')
    .option('--json', 'print the catalog as JSON')
    .action(async (opts: DemoOptions) => {
      setExit(await runDemo(io, opts));
    });
}

export async function runDemo(io: Io, opts: DemoOptions): Promise<number> {
  const standIn = new FeedStandIn();
  const base = await standIn.listen();
  io.err(`Feed stand-in serving real feed samples at ${base}\n`);
  try {
    // The demo ignores any patchbay.yaml: it always runs on the embedded default, pointed at the stand-ins.
    const loaded = loadConfig(optionTable(), {
      text: null,
      path: null,
      env: {
        ...standInFeedEnv(base),
        PATCHBAY_DATABASE__URL: `sqlite:${opts.db}`,
        PATCHBAY_LOG__LEVEL: 'warn',
      },
      readFile: () => '',
    });
    const ctx = await createContext(loaded);
    try {
      const results = await runFeedSync(ctx, io, { json: false });
      const view = await readCatalog(ctx, {});
      io.out('\nCatalog: the latest release of every product and track\n');
      printCatalog(io, view, { json: opts.json });
      io.out(
        `\nDemo database: ${opts.db}. Try: patchbay catalog --product macos (with PATCHBAY_DATABASE__URL=sqlite:${opts.db})\n`,
      );
      return results.some((r) => r.outcome === 'failed') ? 2 : 0;
    } finally {
      await ctx.close();
    }
  } finally {
    await standIn.close();
  }
}
