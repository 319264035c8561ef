import type { Command } from 'commander';
import type { RefreshSummary } from '../../compliance/refresh.js';
import { withContext } from '../common.js';
import { printJson, type Io } from '../output.js';

interface EvaluateOptions {
  readonly changed?: boolean;
  readonly json?: boolean;
}

/**
 * `patchbay evaluate`: re-evaluate every host against the catalog and policies and store the
 * findings. Syncs, `report`, `remind` and `serve` keep them current on their own; this is for
 * after a restore, or to prove the stored rows are what a fresh evaluation gives.
 */
export function registerEvaluate(program: Command, io: Io): void {
  program
    .command('evaluate')
    .description('Re-evaluate every host and store the findings (--changed: only what changed)')
    .option('--changed', 'only products and hosts whose inputs changed since the last evaluation')
    .option('--json', 'print JSON: {mode, productsChanged, hostsEvaluated, written, deleted}')
    .action(async (opts: EvaluateOptions, cmd: Command) => {
      await withContext(cmd, io, async (ctx) => {
        const progress = progressPrinter(io);
        const summary = await ctx.refreshFindings({ full: !opts.changed, onProgress: progress });
        if (opts.json) printJson(io, summary);
        else io.out(describe(summary));
      });
    });
}

/** One line per tenth of the work, or a moving line on a terminal: long runs show they move. */
function progressPrinter(io: Io): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = total > 0 ? Math.floor((done / total) * 10) : 0;
    if (io.isTty) io.err(`\revaluating: ${done}/${total} hosts`);
    else if (tenth > shown) io.err(`evaluating: ${done}/${total} hosts\n`);
    shown = Math.max(shown, tenth);
    if (io.isTty && done >= total) io.err('\n');
  };
}

function describe(s: RefreshSummary): string {
  const products = s.productsChanged.length
    ? `products with new inputs: ${s.productsChanged.join(', ')}`
    : 'no product inputs changed';
  return `Evaluated ${s.hostsEvaluated} hosts (${s.mode}); ${products}; ${s.hostsChanged} hosts changed since the last run. Findings written: ${s.written}, removed: ${s.deleted}.\n`;
}
